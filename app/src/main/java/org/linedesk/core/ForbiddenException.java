package org.linedesk.core;

/** The caller is authenticated but may not do this (for example: a ticket of a group they are not in). 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
