package org.linedesk.ticket;

import java.time.Instant;

/** Impact or urgency was corrected and the priority changed (SLA clocks re-target). */
public record TicketReprioritized(long ticketId, Priority from, Priority to, Instant at) {
}
