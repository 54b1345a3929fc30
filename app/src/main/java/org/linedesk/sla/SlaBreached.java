package org.linedesk.sla;

import java.util.Set;

/**
 * Clocks of a ticket breached now (published in the timer's transaction, once per breach): the
 * workflow hands it to the ticket's process, whose BPMN escalates.
 */
public record SlaBreached(long ticketId, String processInstanceId, Set<Metric> metrics) {

    public SlaBreached {
        metrics = Set.copyOf(metrics);
    }
}
