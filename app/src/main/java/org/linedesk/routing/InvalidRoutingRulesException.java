package org.linedesk.routing;

import java.util.List;

/** A routing file that cannot be used; each error names the file, the rule, the field and the reason. */
public class InvalidRoutingRulesException extends RuntimeException {

    private final List<String> errors;

    public InvalidRoutingRulesException(List<String> errors) {
        super("Invalid routing rules:\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
