package org.linedesk.channel;

import java.util.List;

import org.linedesk.mail.OutgoingMail;
import org.linedesk.mail.Outbox;
import org.linedesk.rating.Ratings;
import org.linedesk.template.Templates;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketAnswered;
import org.linedesk.ticket.TicketResolved;
import org.linedesk.ticket.TicketService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends an agent's public reply to the customer by e-mail — whatever channel the ticket came from,
 * since every requester has an address — and, when the workflow resolves a ticket without a reply in
 * the same step, a resolution notice. Both carry the links to rate that answer. Queued in the outbox in
 * the answer's own transaction: an answer that is saved is sent, one that rolls back is not. The
 * subject carries the ticket number and the headers thread it under the customer's last message.
 */
@Component
class ReplyMailer {

    static final String SIGNATURE_TEMPLATE = "reply-signature";
    static final String RESOLVED_TEMPLATE = "ticket-resolved";

    private final TicketService tickets;
    private final Threads threads;
    private final Templates templates;
    private final Outbox outbox;
    private final Ratings ratings;

    ReplyMailer(TicketService tickets, Threads threads, Templates templates, Outbox outbox, Ratings ratings) {
        this.ratings = ratings;
        this.tickets = tickets;
        this.threads = threads;
        this.templates = templates;
        this.outbox = outbox;
    }

    @EventListener
    void on(TicketAnswered answered) {
        Ticket ticket = tickets.findById(answered.ticketId()).orElseThrow();
        Threads.Thread thread = threads.thread(ticket.getId());
        String signature = templates.render(SIGNATURE_TEMPLATE, ticket, answered.agentName())
                .map(t -> "\n\n" + t.body()).orElse("");
        String rating = paragraph(ratings.invite(ticket, Ratings.Kind.REPLY, answered.group(), answered.agent()));
        outbox.enqueue(new OutgoingMail(ticket.getId(), OutgoingMail.Purpose.REPLY, thread.deskAddress(),
                List.of(ticket.getRequester().email()), replySubject(ticket), answered.body() + signature + rating,
                thread.inReplyTo(), thread.references()));
    }

    /** Resolved without a reply in the same step: the customer hears of it, and may rate the work. */
    @EventListener
    void on(TicketResolved resolved) {
        if (resolved.withReply()) {
            return; // the reply that resolved it is the answer, and carries the rating links
        }
        Ticket ticket = tickets.findById(resolved.ticketId()).orElseThrow();
        templates.render(RESOLVED_TEMPLATE, ticket, null).ifPresent(notice -> {
            Threads.Thread thread = threads.thread(ticket.getId());
            String group = ticket.getLastAnsweredGroup() != null ? ticket.getLastAnsweredGroup() : ticket.getCurrentGroup();
            String rating = paragraph(ratings.invite(ticket, Ratings.Kind.RESOLUTION, group, ticket.getAssignee()));
            String subject = notice.subject() != null && !notice.subject().isBlank() ? notice.subject() : replySubject(ticket);
            outbox.enqueue(new OutgoingMail(ticket.getId(), OutgoingMail.Purpose.RESOLUTION, thread.deskAddress(),
                    List.of(ticket.getRequester().email()), subject, notice.body() + rating, thread.inReplyTo(),
                    thread.references()));
        });
    }

    private static String paragraph(String text) {
        return text.isBlank() ? "" : "\n\n" + text;
    }

    static String replySubject(Ticket ticket) {
        String subject = ticket.getSubject();
        String tag = "[" + ticket.getNumber() + "]";
        return subject.contains(tag) ? "Re: " + subject : "Re: " + tag + " " + subject;
    }
}
