package org.linedesk.workflow;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.linedesk.rating.CustomerRated;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands every customer rating to the ticket's process as message {@value IncidentProcess#MESSAGE_CUSTOMER_RATED},
 * so a process owner can model what follows (e.g. an event subprocess "call the customer back" when
 * {@code ratingLow}). A process that does not wait for it ignores it; a finished one has none to tell.
 * After the rating's commit and in a transaction of its own: a model that cannot take the message (say,
 * a task that queues a resolved ticket) is logged and never costs the customer their rating.
 */
@Component
class RatingMessages {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RatingMessages.class);

    private final RuntimeService runtimeService;
    private final TransactionTemplate own;

    RatingMessages(RuntimeService runtimeService, PlatformTransactionManager transactions) {
        this.runtimeService = runtimeService;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void on(CustomerRated rated) {
        try {
            own.executeWithoutResult(status -> correlate(rated));
        } catch (RuntimeException e) {
            log.warn("The process of ticket {} did not take message {}: {}", rated.ticketNumber(),
                    IncidentProcess.MESSAGE_CUSTOMER_RATED, e.getMessage());
        }
    }

    private void correlate(CustomerRated rated) {
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
