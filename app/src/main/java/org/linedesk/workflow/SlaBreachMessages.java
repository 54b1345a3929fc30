package org.linedesk.workflow;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.linedesk.sla.Metric;
import org.linedesk.sla.SlaBreached;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands an SLA breach to the ticket's process as message {@value IncidentProcess#MESSAGE_SLA_BREACHED},
 * in the timer's transaction: the event subprocess escalates as the BPMN says. The metrics become the
 * variable {@code slaBreached} ("RESOLUTION", or "FIRST_RESPONSE,RESOLUTION"), which BPMN conditions
 * read through {@code ${sla.breached(execution, 'RESOLUTION')}}.
 */
@Component
class SlaBreachMessages {

    private final RuntimeService runtimeService;

    SlaBreachMessages(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @EventListener
    void onBreached(SlaBreached breached) {
        if (breached.processInstanceId() == null) {
            return;
        }
        runtimeService.createMessageCorrelation(IncidentProcess.MESSAGE_SLA_BREACHED)
                .processInstanceId(breached.processInstanceId())
                .setVariableLocal(IncidentProcess.VAR_SLA_BREACHED,
                        breached.metrics().stream().map(Metric::name).sorted().collect(Collectors.joining(",")))
                .correlateAllWithResult();
    }
}
