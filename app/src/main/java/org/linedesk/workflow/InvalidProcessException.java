package org.linedesk.workflow;

/** A process file a process owner edited is not usable; says where and why. */
public class InvalidProcessException extends RuntimeException {

    public InvalidProcessException(String element, String property, String reason) {
        super("element '" + element + "', property '" + property + "': " + reason);
    }

    public InvalidProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
