package org.linedesk.ticket;

import java.time.Instant;

/** A ticket's status changed (SLA clocks pause, resume or stop on it). */
public record TicketStatusChanged(long ticketId, Status from, Status to, Instant at) {
}
