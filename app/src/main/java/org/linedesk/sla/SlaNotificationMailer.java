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
 * transaction: a rolled-back breach sends nothing) — to the people each {@link SlaRecipient} means.
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
    void send(TicketSnapshot t, Metric metric, String kind, List<SlaRecipient> recipients, String text) {
        if (!enabled) {
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        for (SlaRecipient r : recipients) {
            if (r instanceof SlaRecipient.User user) {
                users.add(user.id());
            } else if (r instanceof SlaRecipient.Group group) {
                users.addAll(groups.memberIds(group.id()));
            } else if (r instanceof SlaRecipient.GroupLead lead) {
                users.addAll(people.leadsOf(lead.group(), t.project()));
            } else if (r instanceof SlaRecipient.Managers) {
                // managers are a group of the engine's; of its members, those who work in the ticket's project
                users.addAll(people.inProject(groups.memberIds(org.linedesk.identity.Role.MANAGER.groupId()), t.project()));
            }
        }
        List<String> to = groups.emails(users).stream().distinct().toList();
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
