package org.linedesk.ticket;

import java.time.Clock;

import org.linedesk.core.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transitions the workflow drives (called from BPMN through the {@code tickets} vocabulary).
 * Each runs inside the engine's transaction, so a ticket and its process never disagree.
 */
@Service
@Transactional
public class TicketLifecycle {

    private final TicketRepository tickets;
    private final Clock clock;

    TicketLifecycle(TicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    public void enqueue(long ticketId, String group) {
        load(ticketId).enqueue(group, clock.instant());
    }

    /** Mirrors the task's assignee on the ticket (claim, unclaim, assignment in Tasklist). */
    public void assigneeChanged(long ticketId, String assignee, String actor) {
        Ticket ticket = load(ticketId);
        if (assignee == null) {
            if (ticket.getAssignee() != null) {
                ticket.unassign(actor, clock.instant());
            }
        } else if (!assignee.equals(ticket.getAssignee())) {
            ticket.assign(assignee, actor, clock.instant());
        }
    }

    public void awaitCustomer(long ticketId) {
        load(ticketId).awaitCustomer(clock.instant());
    }

    public void resolve(long ticketId) {
        load(ticketId).resolve(clock.instant());
    }

    /** Returns the group the reopened ticket goes back to: the one that answered last. */
    public String reopen(long ticketId) {
        return load(ticketId).reopen(clock.instant());
    }

    public void close(long ticketId, String reason) {
        load(ticketId).close(reason, clock.instant());
    }

    private Ticket load(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> new NotFoundException("No ticket with id " + ticketId));
    }
}
