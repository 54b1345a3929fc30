package org.linedesk.sla;

import java.util.List;

/** SLA files that cannot be used; each error names the file, the field and the reason. */
public class InvalidSlaDefinitionsException extends RuntimeException {

    private final List<String> errors;

    public InvalidSlaDefinitionsException(List<String> errors) {
        super("Invalid SLA definitions:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
