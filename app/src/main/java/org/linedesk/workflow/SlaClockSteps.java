package org.linedesk.workflow;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.linedesk.sla.Metric;
import org.linedesk.sla.SlaClocks;
import org.springframework.stereotype.Component;

/**
 * The SLA words process owners use in incident.bpmn, as {@code ${sla.…}} expressions in the event
 * subprocess "SLA breached" (docs/process-authoring.md): how a breach escalates.
 */
@Component("sla")
public class SlaClockSteps {

    private final SlaClocks clocks;

    SlaClockSteps(SlaClocks clocks) {
        this.clocks = clocks;
    }

    /** Whether {@code metric} breached (in a gateway condition: {@code ${sla.breached(execution, 'RESOLUTION')}}). */
    public boolean breached(DelegateExecution execution, String metric) {
        return breachedNow(execution).contains(Metric.valueOf(metric));
    }

    /** Hierarchical escalation: notifies whom the SLA policy names for each metric that breached. */
    public void notifyBreach(DelegateExecution execution) {
        breachedNow(execution).forEach(metric -> clocks.notifyBreach(ticketId(execution), metric));
    }

    /** Functional escalation: if {@code metric} breached, hands the ticket to the policy's group for it. */
    public void handOverOnBreach(DelegateExecution execution, String metric) {
        if (breached(execution, metric)) {
            clocks.handOverOnBreach(ticketId(execution), Metric.valueOf(metric));
        }
    }

    /** Functional escalation to a group named in the BPMN. */
    public void handOverOnBreach(DelegateExecution execution, String metric, String group) {
        if (breached(execution, metric)) {
            clocks.handOverOnBreach(ticketId(execution), Metric.valueOf(metric), group);
        }
    }

    private static Set<Metric> breachedNow(DelegateExecution execution) {
        Object value = execution.getVariable(IncidentProcess.VAR_SLA_BREACHED);
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        if (value != null && !value.toString().isBlank()) {
            Arrays.stream(value.toString().split(",")).map(Metric::valueOf).forEach(metrics::add);
        }
        return metrics;
    }

    private static long ticketId(DelegateExecution execution) {
        return Long.parseLong(execution.getProcessBusinessKey());
    }
}
