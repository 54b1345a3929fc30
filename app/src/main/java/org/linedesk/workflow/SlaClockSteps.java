package org.linedesk.workflow;

import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.linedesk.sla.Metric;
import org.linedesk.sla.SlaClocks;
import org.springframework.stereotype.Component;

/**
 * The SLA words process owners use in incident.bpmn, as {@code ${sla.…}} expressions on the
 * clock branch (docs/process-authoring.md): when to fire, what fired, and how a breach escalates.
 */
@Component("sla")
public class SlaClockSteps {

    /** Transient variable: the metrics that breached in the firing just done, e.g. "RESOLUTION". */
    static final String VAR_BREACHED = "slaBreached";

    private final SlaClocks clocks;

    SlaClockSteps(SlaClocks clocks) {
        this.clocks = clocks;
    }

    /**
     * The due date of the clock timer: the next warning or breach of any running clock; parked at
     * 9999-12-31 while nothing can fall due (paused, stopped): a change of the clocks moves it.
     */
    public Date nextEventAt(DelegateExecution execution) {
        return clocks.nextEventAt(ticketId(execution)).map(Date::from).orElse(CamundaClockTimers.PARKED);
    }

    /** Records what is due now; sets {@code slaBreached} to the metrics that breached now ("" for none). */
    public void fire(DelegateExecution execution) {
        Set<Metric> breached = clocks.fire(ticketId(execution));
        execution.setVariableLocal(VAR_BREACHED, Variables.stringValue(
                breached.stream().map(Metric::name).collect(Collectors.joining(",")), true));
    }

    /** Hierarchical escalation: notifies whom the SLA policy names for each metric that breached now. */
    public void notifyBreach(DelegateExecution execution) {
        breachedNow(execution).forEach(metric -> clocks.notifyBreach(ticketId(execution), metric));
    }

    /** Functional escalation: if {@code metric} breached now, hands the ticket to the policy's group for it. */
    public void handOverOnBreach(DelegateExecution execution, String metric) {
        if (breachedNow(execution).contains(Metric.valueOf(metric))) {
            clocks.handOverOnBreach(ticketId(execution), Metric.valueOf(metric));
        }
    }

    /** Functional escalation to a group named in the BPMN. */
    public void handOverOnBreach(DelegateExecution execution, String metric, String group) {
        if (breachedNow(execution).contains(Metric.valueOf(metric))) {
            clocks.handOverOnBreach(ticketId(execution), Metric.valueOf(metric), group);
        }
    }

    private static Set<Metric> breachedNow(DelegateExecution execution) {
        Object value = execution.getVariable(VAR_BREACHED);
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
