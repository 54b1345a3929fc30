package org.linedesk.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.linedesk.ticket.EventType;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;

/**
 * Recomputes a ticket's clocks from its history under some definitions: the clocks start at the
 * opening with the policy the opening facts select, every recorded status change, first response and
 * priority change is applied in order, and the engine timer is taken to fire exactly when each warning
 * or breach fell due. Pure; {@link SlaRepair} compares the result with the stored clocks.
 */
final class SlaReplay {

    /** More firings than this between two events means a clock that never settles: a bug, not a ticket. */
    private static final int MAX_FIRINGS = 1_000;

    private SlaReplay() {
    }

    /** One entry of ticket_event that can move a clock. */
    record HistoryEvent(Instant at, EventType type, String oldValue, String newValue) {
    }

    static List<SlaClock> replay(long ticketId, SlaPolicy.TicketFacts opened, Instant openedAt, List<HistoryEvent> history,
                                 int version, SlaDefinitions sla, Instant until) {
        List<SlaClock> clocks = ClockLifecycle.start(ticketId, version, sla, opened, openedAt);
        for (HistoryEvent e : history) {
            if (e.at().isBefore(openedAt)) {
                continue;
            }
            fireUntil(clocks, sla, e.at());
            switch (e.type()) {
                case STATUS_CHANGED -> ClockLifecycle.statusChanged(clocks, sla, Status.valueOf(e.oldValue()),
                        Status.valueOf(e.newValue()), e.at());
                case FIRST_RESPONSE -> ClockLifecycle.firstResponse(clocks, sla, e.at());
                case PRIORITY_CHANGED -> {
                    Priority from = priorityIn(e.oldValue());
                    Priority to = priorityIn(e.newValue());
                    if (from != to) { // impact or urgency changed, the priority did not: the clocks were not told
                        ClockLifecycle.reprioritized(clocks, sla, to, e.at());
                    }
                }
                default -> {
                }
            }
        }
        fireUntil(clocks, sla, until);
        return clocks;
    }

    /** The types {@link #replay} reads; the rest of the history does not touch the clocks. */
    static final List<EventType> TYPES = List.of(EventType.STATUS_CHANGED, EventType.FIRST_RESPONSE, EventType.PRIORITY_CHANGED);

    /** Every warning and breach due up to {@code at}, each fired at its own instant. */
    private static void fireUntil(List<SlaClock> clocks, SlaDefinitions sla, Instant at) {
        for (int i = 0; i < MAX_FIRINGS; i++) {
            Optional<Instant> next = ClockLifecycle.nextEventAt(clocks, sla);
            if (next.isEmpty() || next.get().isAfter(at)) {
                return;
            }
            ClockLifecycle.fire(clocks, sla, next.get());
        }
        throw new IllegalStateException("ticket " + clocks.get(0).getTicketId() + ": clocks fire without end at " + at);
    }

    /** "impact HIGH, urgency LOW → P2" (how Ticket.reprioritize records it) → P2. */
    static Priority priorityIn(String recorded) {
        int arrow = recorded == null ? -1 : recorded.lastIndexOf('→');
        if (arrow < 0) {
            throw new IllegalArgumentException("not a recorded priority: " + recorded);
        }
        return Priority.valueOf(recorded.substring(arrow + 1).trim());
    }
}
