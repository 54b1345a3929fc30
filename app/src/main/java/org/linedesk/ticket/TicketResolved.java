package org.linedesk.ticket;

import java.time.Instant;

/**
 * The workflow resolved a ticket. {@code withReply}: a public reply was sent in the same command (the
 * customer has the answer already); otherwise the channel tells the customer with a resolution notice.
 */
public record TicketResolved(long ticketId, Instant at, boolean withReply) {
}
