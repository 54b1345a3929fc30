package org.linedesk.project;

import java.util.List;

/** A projects file that cannot be used; each error names the file, the project, the field and the reason. */
public class InvalidProjectsException extends RuntimeException {

    private final List<String> errors;

    public InvalidProjectsException(List<String> errors) {
        super("Invalid projects:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
