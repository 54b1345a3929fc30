package org.linedesk.ticket;

import java.time.Instant;

/**
 * An agent sent the customer a public reply; the channel delivers it (e-mail through the outbox).
 * {@code group}: the group the agent answered for.
 */
public record TicketAnswered(long ticketId, String body, String agent, String agentName, String group, Instant at) {
}
