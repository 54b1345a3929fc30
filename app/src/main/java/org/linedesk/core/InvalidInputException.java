package org.linedesk.core;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input from a caller: names the field(s) and says why. Answered with 400. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** The first field (most callers report one). */
    public String field() {
        return errors.get(0).field();
    }

    public String reason() {
        return errors.get(0).reason();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
