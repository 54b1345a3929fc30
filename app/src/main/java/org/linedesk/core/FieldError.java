package org.linedesk.core;

/** One reason a request was refused, as it appears in a problem detail's {@code errors} list. */
public record FieldError(String field, String reason) {
}
