package org.linedesk.console;

import java.util.List;

/** A named action chain from processes/macros.yaml, offered on tickets of its project. */
public record Macro(String name, String title, String project, List<Step> steps) {

    /** One step: a note, a public reply, or a workflow action with what it takes. */
    public record Step(String note, String reply, String template, String action, String group, String reason) {
    }

    /** The workflow action the chain ends in (null: notes and replies only, fits any open step). */
    String action() {
        return steps.stream().map(Step::action).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
