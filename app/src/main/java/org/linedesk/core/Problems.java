package org.linedesk.core;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details the same way for every error source (MVC, security filters). */
public final class Problems {

    private static final String TYPE_BASE = "https://linedesk.org/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail invalid(List<FieldError> errors) {
        String detail = errors.stream()
                .map(e -> e.field() + ": " + e.reason())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", detail);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Errors of a definitions file, "file: field: reason" each, as field errors (the field is the file and its path). */
    public static ProblemDetail invalidFile(String file, List<String> errors) {
        return invalid(errors.stream().map(error -> {
            int colon = error.indexOf(": ");
            return colon < 0 ? new FieldError(file, error)
                    : new FieldError(error.substring(0, colon), error.substring(colon + 2));
        }).toList());
    }
}
