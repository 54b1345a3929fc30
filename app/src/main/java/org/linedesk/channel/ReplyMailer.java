package org.linedesk.channel;

import java.util.List;

import org.linedesk.mail.OutgoingMail;
import org.linedesk.mail.Outbox;
import org.linedesk.template.Templates;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketAnswered;
import org.linedesk.ticket.TicketService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends an agent's public reply to the customer by e-mail — whatever channel the ticket came from,
 * since every requester has an address. Queued in the outbox in the reply's own transaction: a reply
 * that is saved is sent, one that rolls back is not. The subject carries the ticket number and the
 * headers thread it under the customer's last message.
 */
@Component
class ReplyMailer {

    static final String SIGNATURE_TEMPLATE = "reply-signature";

    private final TicketService tickets;
    private final Threads threads;
    private final Templates templates;
    private final Outbox outbox;

    ReplyMailer(TicketService tickets, Threads threads, Templates templates, Outbox outbox) {
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
        outbox.enqueue(new OutgoingMail(ticket.getId(), OutgoingMail.Purpose.REPLY, thread.deskAddress(),
                List.of(ticket.getRequester().email()), replySubject(ticket), answered.body() + signature,
                thread.inReplyTo(), thread.references()));
    }

    static String replySubject(Ticket ticket) {
        String subject = ticket.getSubject();
        String tag = "[" + ticket.getNumber() + "]";
        return subject.contains(tag) ? "Re: " + subject : "Re: " + tag + " " + subject;
    }
}
