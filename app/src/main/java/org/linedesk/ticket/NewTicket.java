package org.linedesk.ticket;

/** What a new ticket is opened from, whatever the channel. */
public record NewTicket(String subject, MessageContent content, Requester requester, Channel channel,
                        Level impact, Level urgency, String group, Long followUpOf, Classification classification) {

    public NewTicket {
        impact = impact == null ? Level.MEDIUM : impact;
        urgency = urgency == null ? Level.MEDIUM : urgency;
        classification = classification == null ? Classification.NONE : classification;
    }

    /** A plain-text request without routing (API, phone, chat entered by an agent). */
    public NewTicket(String subject, String description, Requester requester, Channel channel, Level impact,
                     Level urgency, String group, Long followUpOf) {
        this(subject, MessageContent.text(description), requester, channel, impact, urgency, group, followUpOf,
                Classification.NONE);
    }

    public String description() {
        return content.text();
    }
}
