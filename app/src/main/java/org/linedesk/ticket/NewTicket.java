package org.linedesk.ticket;

/**
 * What a new ticket is opened from, whatever the channel. {@code project} is the desk the channel
 * belongs to (a mailbox's, a web form's); null takes the group's project, or the default project.
 */
public record NewTicket(String subject, MessageContent content, Requester requester, Channel channel,
                        Level impact, Level urgency, String group, Long followUpOf, Classification classification,
                        String project) {

    public NewTicket {
        impact = impact == null ? Level.MEDIUM : impact;
        urgency = urgency == null ? Level.MEDIUM : urgency;
        classification = classification == null ? Classification.NONE : classification;
    }

    public NewTicket(String subject, MessageContent content, Requester requester, Channel channel, Level impact,
                     Level urgency, String group, Long followUpOf, Classification classification) {
        this(subject, content, requester, channel, impact, urgency, group, followUpOf, classification, null);
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
