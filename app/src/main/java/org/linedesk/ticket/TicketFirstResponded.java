package org.linedesk.ticket;

import java.time.Instant;

/** The first public answer reached the customer (the first-response clock stops). */
public record TicketFirstResponded(long ticketId, Instant at) {
}
