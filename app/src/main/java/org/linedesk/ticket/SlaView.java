package org.linedesk.ticket;

import java.util.List;

/** The SLA clocks of a ticket as shown with it (implemented by the sla module). */
public interface SlaView {

    List<?> clocksOf(long ticketId);
}
