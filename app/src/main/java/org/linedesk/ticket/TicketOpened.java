package org.linedesk.ticket;

import java.time.Instant;

/**
 * A ticket was opened and its process runs: its SLA clocks start now. It carries what SLA policy
 * selection looks at, as it was at that moment.
 */
public record TicketOpened(long ticketId, Instant at, Channel channel, String group, Priority priority, String project) {
}
