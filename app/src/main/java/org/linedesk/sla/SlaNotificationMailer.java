package org.linedesk.sla;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.linedesk.core.PublicUrl;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.mail.Outbox;
import org.linedesk.mail.OutgoingMail;
import org.linedesk.project.ProjectPeople;
import org.linedesk.ticket.TicketSnapshot;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mails SLA warnings and breaches to the people the policy names, through the outbox (in the timer's
 * transaction: a rolled-back breach sends nothing). Whom a recipient means: {@code user:X} that user,
 * {@code group:X} every member, {@code group-lead:X} the managers who are members of X (the team lead;
 * the project's managers when the group has none), {@code role:managers} every manager of the ticket's
 * project, an address itself.
 */
@Component
class SlaNotificationMailer {

    private final GroupDirectory groups;
    private final ProjectPeople people;
    private final Outbox outbox;
    private final boolean enabled;
    private final PublicUrl links;

    SlaNotificationMailer(GroupDirectory groups, ProjectPeople people, Outbox outbox,
                          @Value("${linedesk.sla.notify-by-mail:true}") boolean enabled,
                          PublicUrl links) {
        this.groups = groups;
        this.people = people;
        this.outbox = outbox;
        this.enabled = enabled;
        this.links = links;
    }

    /** Queues one mail to everyone the recipients resolve to (no address: nothing to send). */
    void send(TicketSnapshot t, Metric metric, String kind, List<String> recipients, String text) {
        if (!enabled) {
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        List<String> addresses = new ArrayList<>();
        for (String r : recipients) {
            int colon = r.indexOf(':');
            String scope = colon < 0 ? "" : r.substring(0, colon);
            String id = r.substring(colon + 1);
            switch (scope) {
                case "user" -> users.add(id);
                case "group" -> users.addAll(groups.memberIds(id));
                // a role is a group of the engine's; of its members, those who work in the ticket's project
                case "role" -> users.addAll(people.inProject(groups.memberIds(id), t.project()));
                case "group-lead" -> users.addAll(people.leadsOf(id, t.project()));
                default -> {
                    if (r.contains("@")) {
                        addresses.add(r);
                    }
                }
            }
        }
        addresses.addAll(groups.emails(users));
        List<String> to = addresses.stream().distinct().toList();
        if (to.isEmpty()) {
            return;
        }
        String what = kind.equals("BREACH") ? "SLA breached" : "SLA warning";
        outbox.enqueue(new OutgoingMail(t.id(), OutgoingMail.Purpose.SLA_NOTIFICATION, null, to,
                "[" + t.number() + "] " + what + ": " + metric.name().toLowerCase().replace('_', ' ') + " (" + t.priority()
                        + ")",
                """
                %s on %s: %s.

                Priority %s, queue %s, %s.
                Open the ticket: %s
                """.formatted(what, t.number(), text, t.priority(), t.group(),
                        t.assignee() == null ? "not claimed" : "with " + t.assignee(), links.of("/tickets/" + t.number())),
                null, List.of()));
    }
}
