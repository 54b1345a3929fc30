package org.linedesk.ticket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes what a ticket recorded as happened to the other modules (SLA clocks), synchronously and
 * in the same transaction: a listener's failure rolls the whole command back.
 */
@Component
class DomainEventRelay {

    private final ApplicationEventPublisher publisher;

    DomainEventRelay(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void relay(Ticket ticket) {
        ticket.drainDomainEvents().forEach(publisher::publishEvent);
    }
}
