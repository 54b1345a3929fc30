package org.linedesk.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.linedesk.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/** Keeps a ticket's one engine timer ({@link ClockTimers}) at the next warning or breach of its clocks. */
@Component
class ClockTimer {

    private final TicketClocks ticketClocks;
    private final ClockTimers timers;
    private final TicketLifecycle tickets;

    ClockTimer(TicketClocks ticketClocks, ClockTimers timers, TicketLifecycle tickets) {
        this.ticketClocks = ticketClocks;
        this.timers = timers;
        this.tickets = tickets;
    }

    /** When the clock timer of this ticket should fire next; empty when no clock runs towards anything. */
    Optional<Instant> nextEventAt(long ticketId) {
        List<SlaClock> clocks = ticketClocks.of(ticketId);
        return clocks.isEmpty() ? Optional.empty() : ClockLifecycle.nextEventAt(clocks, ticketClocks.definitionsOf(clocks));
    }

    /** Sets the ticket's engine timer to the next event of its clocks; cancels it when nothing can fall due. */
    void rearm(long ticketId) {
        List<SlaClock> clocks = ticketClocks.of(ticketId);
        if (clocks.isEmpty()) {
            return;
        }
        String jobId = clocks.get(0).getTimerJobId();
        Optional<Instant> next = nextEventAt(ticketId);
        if (next.isEmpty()) {
            if (jobId != null) {
                timers.cancel(jobId);
                clocks.forEach(c -> c.timerJob(null));
            }
            return;
        }
        if (jobId != null && timers.move(jobId, next.get())) {
            return;
        }
        String scheduled = timers.schedule(ticketId, tickets.snapshot(ticketId).processInstanceId(), next.get());
        clocks.forEach(c -> c.timerJob(scheduled));
    }

    /** The job that fired is done with; {@link #rearm} schedules the next one. */
    void fired(long ticketId) {
        ticketClocks.of(ticketId).forEach(c -> c.timerJob(null));
    }
}
