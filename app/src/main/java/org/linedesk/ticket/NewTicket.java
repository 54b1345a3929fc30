package org.linedesk.ticket;

/** What a new ticket is opened from, whatever the channel. */
public record NewTicket(String subject, String description, Requester requester, Channel channel,
                        Level impact, Level urgency, String group, Long followUpOf) {

    public NewTicket {
        impact = impact == null ? Level.MEDIUM : impact;
        urgency = urgency == null ? Level.MEDIUM : urgency;
    }
}
