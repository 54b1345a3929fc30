package org.linedesk.rating;

import java.util.List;

import org.linedesk.identity.GroupDirectory;
import org.linedesk.mail.Outbox;
import org.linedesk.mail.OutgoingMail;
import org.linedesk.project.ProjectPeople;
import org.linedesk.core.PublicUrl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A low rating (quality at most linedesk.ratings.low-quality-at-most) is mailed to the lead of the group
 * that answered (its managers; the project's managers when it has none), once per answer, through the
 * outbox in the rating's transaction.
 */
@Component
class LowRatingNotifier {

    private final ProjectPeople people;
    private final GroupDirectory groups;
    private final Outbox outbox;
    private final PublicUrl links;

    LowRatingNotifier(ProjectPeople people, GroupDirectory groups, Outbox outbox, PublicUrl links) {
        this.people = people;
        this.groups = groups;
        this.outbox = outbox;
        this.links = links;
    }

    @EventListener
    void on(CustomerRated rated) {
        if (!rated.newlyLow()) {
            return;
        }
        List<String> to = groups.emails(people.leadsOf(rated.group(), rated.project())).stream().distinct().toList();
        if (to.isEmpty()) {
            return;
        }
        outbox.enqueue(new OutgoingMail(rated.ticketId(), OutgoingMail.Purpose.RATING_NOTIFICATION, null, to,
                "[" + rated.ticketNumber() + "] Low customer rating: quality " + rated.quality() + " of 5",
                """
                The customer rated an answer on %s low.

                Quality %d of 5, speed %s. Answered by %s for group %s.
                Comment: %s

                Open the ticket: %s
                All ratings: %s
                """.formatted(rated.ticketNumber(), rated.quality(),
                        rated.speed() == null ? "not rated" : rated.speed() + " of 5",
                        rated.agent() == null ? "(nobody in particular)" : rated.agent(),
                        rated.group() == null ? "(none)" : rated.group(),
                        rated.comment() == null ? "(none)" : rated.comment(), links.of("/tickets/" + rated.ticketNumber()),
                        links.of("/ratings")),
                null, List.of()));
    }
}
