package org.linedesk.channel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.linedesk.channel.IntakeResult.Outcome;
import org.linedesk.mail.OutgoingMail;
import org.linedesk.mail.Outbox;
import org.linedesk.routing.MessageFacts;
import org.linedesk.routing.RoutingDecision;
import org.linedesk.routing.Router;
import org.linedesk.template.Templates;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Status;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where every customer channel (e-mail, web form) hands over a message: it finds the ticket the
 * message belongs to or opens one where the routing rules say, and queues the acknowledgement with
 * the ticket number and the promised answer time. One transaction: ticket, history and the
 * acknowledgement in the outbox commit together.
 */
@Service
@Transactional
public class CustomerIntake {

    static final String ACKNOWLEDGEMENT_TEMPLATE = "acknowledgement";

    private final TicketService tickets;
    private final Threads threads;
    private final Router router;
    private final Templates templates;
    private final Outbox outbox;
    private final Clock clock;

    CustomerIntake(TicketService tickets, Threads threads, Router router, Templates templates, Outbox outbox,
                   Clock clock) {
        this.tickets = tickets;
        this.threads = threads;
        this.router = router;
        this.templates = templates;
        this.outbox = outbox;
        this.clock = clock;
    }

    public IntakeResult receive(IncomingRequest request) {
        Optional<Ticket> existing = threadOf(request);
        if (existing.isPresent()) {
            return addTo(existing.get(), request);
        }
        RoutingDecision route = router.route(facts(request), request.defaultQueue(), request.project());
        String group = route.group();
        Ticket ticket = tickets.open(new NewTicket(subjectOf(request), request.content(), request.from(),
                request.channel(), request.impact() != null ? request.impact() : route.impact(),
                request.urgency() != null ? request.urgency() : route.urgency(), group, null,
                route.classification(), request.project()), request.from().email());
        List<String> notices = new ArrayList<>(request.notices());
        if (route.notice() != null) {
            notices.add(route.notice());
        }
        notices.forEach(n -> ticket.recordNotice(n, clock.instant()));
        return acknowledged(Outcome.OPENED, ticket, request);
    }

    private IntakeResult addTo(Ticket ticket, IncomingRequest request) {
        if (request.automatic()) {
            boolean added = tickets.automaticMessage(ticket.getNumber(), request.content(), request.from(),
                    request.channel());
            return new IntakeResult(added ? Outcome.APPENDED : Outcome.NOT_ADDED, ticket.getNumber(), null, false);
        }
        boolean closed = ticket.getStatus() == Status.CLOSED;
        // a follow-up goes where the closed ticket was answered, unless a routing rule says where
        String ruleGroup = !closed ? null : router.route(facts(request), null, ticket.getProject()).ruleGroup();
        Ticket landed = tickets.customerWrote(ticket.getNumber(), request.content(), request.from(), request.channel(),
                ruleGroup);
        request.notices().forEach(n -> landed.recordNotice(n, clock.instant()));
        if (closed) { // a follow-up ticket was opened: it gets its own acknowledgement
            return acknowledged(Outcome.FOLLOW_UP, landed, request);
        }
        return new IntakeResult(Outcome.APPENDED, landed.getNumber(), null, false);
    }

    private IntakeResult acknowledged(Outcome outcome, Ticket ticket, IncomingRequest request) {
        Optional<Templates.Rendered> text = !request.acknowledge() || request.automatic() ? Optional.empty()
                : templates.render(ACKNOWLEDGEMENT_TEMPLATE, ticket, null);
        if (text.isEmpty()) {
            String deadline = templates.deadline(ticket, ticket.getRequester().language());
            return new IntakeResult(outcome, ticket.getNumber(), deadline.isEmpty() ? null : deadline, false);
        }
        String subject = text.get().subject() != null && !text.get().subject().isBlank() ? text.get().subject()
                : "[" + ticket.getNumber() + "] " + ticket.getSubject();
        List<String> references = new ArrayList<>(request.references());
        if (request.messageId() != null) {
            references.add(request.messageId());
        }
        outbox.enqueue(new OutgoingMail(ticket.getId(), OutgoingMail.Purpose.ACKNOWLEDGEMENT, request.deskAddress(),
                List.of(ticket.getRequester().email()), subject, text.get().body(), request.messageId(), references));
        return new IntakeResult(outcome, ticket.getNumber(), text.get().deadline(), true);
    }

    private Optional<Ticket> threadOf(IncomingRequest request) {
        List<String> ids = new ArrayList<>(request.inReplyTo());
        ids.addAll(request.references());
        Optional<Long> byHeaders = threads.byMessageIds(ids);
        if (byHeaders.isPresent()) {
            return tickets.findById(byHeaders.get());
        }
        return Threads.numberInSubject(request.subject()).flatMap(tickets::find);
    }

    private static MessageFacts facts(IncomingRequest request) {
        return new MessageFacts(request.channel(), request.from().email(), request.recipients(), request.subject(),
                request.content().text(), request.headers());
    }

    private static String subjectOf(IncomingRequest request) {
        String subject = request.subject() == null || request.subject().isBlank() ? "(no subject)" : request.subject().strip();
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }
}
