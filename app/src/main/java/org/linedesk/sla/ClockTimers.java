package org.linedesk.sla;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the SLA clocks need from the workflow engine, whose timers enforce them (implemented at the edge).
 * Both calls take effect when the current transaction commits, after the engine command that caused them.
 */
public interface ClockTimers {

    /**
     * The clock state changed: the ticket's clock timer is set to {@code nextEventAt}, asked when the
     * transaction commits (the last change counts); empty parks the timer (nothing can fall due).
     */
    void rearm(String processInstanceId, Supplier<Optional<Instant>> nextEventAt);

    /** Functional escalation: the ticket's open task moves to {@code group}. */
    void handOver(String processInstanceId, String group);
}
