package org.linedesk.sla;

/**
 * What the SLA clocks need from the workflow engine, whose timers enforce them (implemented at the edge).
 * Both calls take effect when the current transaction commits, after the engine command that caused them.
 */
public interface ClockTimers {

    /** The clock state changed: the ticket's clock timer is set again from {@code nextEventAt}. */
    void rearm(String processInstanceId);

    /** Functional escalation: the ticket's open task moves to {@code group}. */
    void handOver(String processInstanceId, String group);
}
