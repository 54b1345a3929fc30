package org.linedesk.ticket;

import java.util.List;
import java.util.Optional;

import org.linedesk.identity.Actor;
import org.linedesk.mail.Outbox;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side: one ticket with everything an agent needs, lists and work lists. */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    private final TicketRepository tickets;
    private final TicketService service;
    private final TicketWorkflow workflow;
    private final SlaView sla;
    private final org.linedesk.project.ProjectDirectory projects;
    private final Outbox outbox;

    TicketQueries(TicketRepository tickets, TicketService service, TicketWorkflow workflow, SlaView sla,
                  org.linedesk.project.ProjectDirectory projects, Outbox outbox) {
        this.projects = projects;
        this.outbox = outbox;
        this.tickets = tickets;
        this.service = service;
        this.workflow = workflow;
        this.sla = sla;
    }

    public TicketDetails details(String number, Actor actor) {
        return detailsOf(service.loadForReading(number, actor));
    }

    /** For the agent who just acted on the ticket, whose action may have moved it out of their groups. */
    TicketDetails detailsAfterAction(String number) {
        return detailsOf(service.load(number));
    }

    private TicketDetails detailsOf(Ticket ticket) {
        Optional<WorkItem> task = ticket.getStatus() == Status.CLOSED ? Optional.empty() : workflow.currentTask(ticket);
        return new TicketDetails(ticket, tickets.conversation(ticket.getId()), tickets.attachments(ticket.getId()),
                tickets.history(ticket.getId()), task.orElse(null), sla.clocksOf(ticket.getId()),
                outbox.customerMailsOf(ticket.getId()));
    }

    public Page<Ticket> list(TicketFilter filter, Pageable page, Actor actor) {
        if (filter.project() != null && !filter.project().isBlank()) {
            projects.requireVisible(filter.project(), actor);
        }
        return tickets.findAll(filter.toSpecification(actor), page);
    }

    public List<Ticket> workList(Actor actor, int page, int size) {
        return service.workList(actor, page, size);
    }

    /** A file of a ticket the reader may see (same permission as reading the ticket). */
    public Attachment attachment(String number, long attachmentId, Actor actor) {
        Ticket ticket = service.loadForReading(number, actor);
        return tickets.attachment(ticket.getId(), attachmentId)
                .orElseThrow(() -> new org.linedesk.core.NotFoundException("No attachment " + attachmentId + " on " + number));
    }

    /** A ticket with its conversation (and the files' metadata), history and current task. */
    /** {@code mails}: what the customer was sent, with whether it reached them. */
    public record TicketDetails(Ticket ticket, List<Article> conversation, List<AttachmentInfo> attachments,
                                List<TicketEvent> history, WorkItem task, List<?> slaClocks,
                                List<Outbox.OutboundMailView> mails) {
    }
}
