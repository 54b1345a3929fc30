package org.linedesk.core;

/** The thing asked for does not exist (or the caller may not know it does). Answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
