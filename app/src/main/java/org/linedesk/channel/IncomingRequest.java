package org.linedesk.channel;

import java.util.List;
import java.util.Map;

import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.MessageContent;
import org.linedesk.ticket.Requester;

/**
 * A customer's message as a channel hands it over. {@code deskAddress} is the address the customer
 * wrote to (answers come from it); {@code messageId}, {@code inReplyTo} and {@code references} thread
 * e-mail; {@code acknowledge} is false for messages that must not be answered automatically;
 * {@code project} is the desk the channel belongs to (the mailbox's, the web form's).
 */
public record IncomingRequest(Channel channel, String deskAddress, Requester from, List<String> recipients,
                              String subject, MessageContent content, Map<String, List<String>> headers,
                              String messageId, List<String> inReplyTo, List<String> references,
                              Level impact, Level urgency, boolean automatic, boolean acknowledge,
                              String defaultQueue, List<String> notices, String project) {

    public IncomingRequest {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        headers = headers == null ? Map.of() : headers;
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        references = references == null ? List.of() : List.copyOf(references);
        notices = notices == null ? List.of() : List.copyOf(notices);
        project = project == null ? org.linedesk.project.Project.DEFAULT : project;
    }
}
