package org.linedesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The open workflow task of a ticket: which step, for which group, claimed by whom, which actions it allows. */
public record WorkItem(String taskId, String taskKey, String name, String group, String assignee,
                       Instant createdAt, List<TaskAction> actions) {

    public Optional<TaskAction> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
