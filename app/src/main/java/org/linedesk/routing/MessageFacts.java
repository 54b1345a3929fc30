package org.linedesk.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linedesk.ticket.Channel;

/**
 * What routing rules look at in a new request. Header names are matched case-insensitively;
 * {@code recipients} are the desk addresses the message was sent to (To, Cc, Delivered-To).
 */
public record MessageFacts(Channel channel, String sender, List<String> recipients, String subject, String body,
                           Map<String, List<String>> headers) {

    public MessageFacts {
        sender = sender == null ? "" : sender;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : headers;
    }

    List<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    String lowerText() {
        return (subject + "\n" + body).toLowerCase(Locale.ROOT);
    }
}
