package org.linedesk.workflow;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.linedesk.rating.CustomerRated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands every customer rating to the ticket's process as message {@value IncidentProcess#MESSAGE_CUSTOMER_RATED},
 * so a process owner can model what follows (e.g. an event subprocess "call the customer back" when
 * {@code ratingLow}). A process that does not wait for it ignores it; a finished one has none to tell.
 */
@Component
class RatingMessages {

    private final RuntimeService runtimeService;

    RatingMessages(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @EventListener
    void on(CustomerRated rated) {
        if (rated.processInstanceId() == null) {
            return;
        }
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put(IncidentProcess.VAR_RATING_QUALITY, rated.quality());
        variables.put(IncidentProcess.VAR_RATING_SPEED, rated.speed());
        variables.put(IncidentProcess.VAR_RATING_LOW, rated.low());
        runtimeService.createMessageCorrelation(IncidentProcess.MESSAGE_CUSTOMER_RATED)
                .processInstanceId(rated.processInstanceId())
                .setVariables(variables)
                .correlateAllWithResult();
    }
}
