package org.linedesk.ticket;

import java.util.Set;

/**
 * An action an agent may take on a workflow task, as the process owner declared it in the BPMN
 * (see docs/process-authoring.md). {@code needs} must be given, {@code accepts} may be given;
 * anything else is refused. {@code fixedGroup} makes it a hand-over to that group.
 */
public record TaskAction(String id, String label, Set<Input> needs, Set<Input> accepts, String fixedGroup) {

    public enum Input {
        REPLY, GROUP, REASON;

        public String fieldName() {
            return name().toLowerCase();
        }
    }

    public TaskAction {
        needs = Set.copyOf(needs);
        accepts = Set.copyOf(accepts);
    }

    public boolean takes(Input input) {
        return needs.contains(input) || accepts.contains(input);
    }
}
