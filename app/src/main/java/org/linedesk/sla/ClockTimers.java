package org.linedesk.sla;

import java.time.Instant;

/**
 * The engine timer that enforces a ticket's SLA clocks (implemented at the edge): one job per ticket,
 * due at the next warning or breach of any running clock; it calls {@link SlaClocks#fire} when due.
 */
public interface ClockTimers {

    /** Creates the timer; returns its job id. */
    String schedule(long ticketId, String processInstanceId, Instant due);

    /** Moves the timer (false if it no longer exists, e.g. it is firing right now). */
    boolean move(String jobId, Instant due);

    /** Cancels the timer (nothing can fall due: paused, stopped, everything fired). */
    void cancel(String jobId);

    /**
     * Functional escalation: the ticket goes to {@code group} — the hand-over is recorded now, its open
     * task moves when the transaction commits. False when there is nothing to move (already there, or
     * not waiting in a queue).
     */
    boolean handOverOnBreach(long ticketId, String group, String reason);
}
