package org.linedesk.sla;

import org.linedesk.ticket.TicketSnapshot;

/**
 * Whom an SLA warning or breach is told, resolved for one ticket from the policy's word (assignee,
 * group, group-lead, manager). {@link #text} is how sla_notification keeps it.
 */
sealed interface SlaRecipient {

    String text();

    /** One person (the assignee). */
    record User(String id) implements SlaRecipient {
        public String text() {
            return "user:" + id;
        }
    }

    /** Every member of the group. */
    record Group(String id) implements SlaRecipient {
        public String text() {
            return "group:" + id;
        }
    }

    /** The team lead: the managers who are members of the group (the project's managers when it has none). */
    record GroupLead(String group) implements SlaRecipient {
        public String text() {
            return "group-lead:" + group;
        }
    }

    /** Every manager of the ticket's project. */
    record Managers() implements SlaRecipient {
        public String text() {
            return "role:managers";
        }
    }

    /** The policy's word for this ticket; an unclaimed ticket's assignee is its group. */
    static SlaRecipient of(String word, TicketSnapshot t) {
        return switch (word) {
            case "assignee" -> t.assignee() == null ? new Group(t.group()) : new User(t.assignee());
            case "group" -> new Group(t.group());
            case "group-lead" -> new GroupLead(t.group());
            case "manager" -> new Managers();
            default -> throw new IllegalArgumentException("unknown SLA recipient '" + word + "' (the schema allows"
                    + " assignee, group, group-lead, manager)");
        };
    }
}
