package org.linedesk.ticket;

import java.time.Instant;

/** An agent sent the customer a public reply; the channel delivers it (e-mail through the outbox). */
public record TicketAnswered(long ticketId, String body, String agent, String agentName, Instant at) {
}
