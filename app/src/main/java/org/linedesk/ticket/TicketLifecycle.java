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
    private final DomainEventRelay events;
    private final Clock clock;

    TicketLifecycle(TicketRepository tickets, DomainEventRelay events, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    public void enqueue(long ticketId, String group) {
        Ticket ticket = load(ticketId);
        ticket.enqueue(group, clock.instant());
        events.relay(ticket);
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
        events.relay(ticket);
    }

    public void awaitCustomer(long ticketId) {
        Ticket ticket = load(ticketId);
        ticket.awaitCustomer(clock.instant());
        events.relay(ticket);
    }

    public void resolve(long ticketId) {
        Ticket ticket = load(ticketId);
        ticket.resolve(clock.instant());
        events.relay(ticket);
    }

    /** Returns the group the reopened ticket goes back to: the one that answered last. */
    public String reopen(long ticketId) {
        Ticket ticket = load(ticketId);
        String group = ticket.reopen(clock.instant());
        events.relay(ticket);
        return group;
    }

    public void close(long ticketId, String reason) {
        Ticket ticket = load(ticketId);
        ticket.close(reason, clock.instant());
        events.relay(ticket);
    }

    /** The ticket with this number, if there is one. */
    @Transactional(readOnly = true)
    public java.util.Optional<TicketSnapshot> find(String number) {
        java.util.OptionalLong id = TicketNumber.parse(number);
        return id.isPresent() ? tickets.findById(id.getAsLong()).filter(t -> TicketNumber.samePrefix(t.getNumber(), number))
                .map(TicketSnapshot::of) : java.util.Optional.empty();
    }

    /** The numbers of these tickets (ids the engine holds as business keys); unknown ids are left out. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> numbers(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, String> numbers = new java.util.HashMap<>();
        java.util.List<Long> ids = java.util.List.copyOf(ticketIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            tickets.numbers(ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .forEach(row -> numbers.put((Long) row[0], (String) row[1]));
        }
        return numbers;
    }

    @Transactional(readOnly = true)
    public TicketSnapshot snapshot(long ticketId) {
        return TicketSnapshot.of(load(ticketId));
    }

    /**
     * Functional escalation of an SLA breach: the ticket is recorded as handed over to {@code group}
     * (the workflow then moves its task). False when there is nothing to move: it already is in that
     * group, or it is not waiting in a queue.
     */
    public boolean handOverOnBreach(long ticketId, String group, String reason) {
        Ticket ticket = load(ticketId);
        if (group.equals(ticket.getCurrentGroup()) || !ticket.getStatus().isOpenForWork()) {
            return false;
        }
        ticket.handOver(group, reason, Ticket.SYSTEM, clock.instant());
        events.relay(ticket);
        return true;
    }

    /** The SLA module records a warning or breach in the ticket's history. */
    public void recordSla(long ticketId, EventType type, String metric, String detail) {
        load(ticketId).recordSla(type, metric, detail, clock.instant());
    }

    /** SLA repair records what it changed in the ticket's history. */
    public void recordSlaRepair(long ticketId, String detail, String actor) {
        load(ticketId).recordSlaRepair(detail, actor, clock.instant());
    }

    private Ticket load(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> new NotFoundException("No ticket with id " + ticketId));
    }
}
