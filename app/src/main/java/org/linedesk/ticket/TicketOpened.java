package org.linedesk.ticket;

import java.time.Instant;

/** A ticket was opened (its SLA clocks start now). */
public record TicketOpened(long ticketId, Instant at) {
}
