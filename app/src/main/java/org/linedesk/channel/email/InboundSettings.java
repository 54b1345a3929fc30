package org.linedesk.channel.email;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * linedesk.mail.inbound.*: the mailboxes to poll and the limits that protect the desk.
 * See docs/email.md for an example with environment variables.
 */
@ConfigurationProperties("linedesk.mail.inbound")
record InboundSettings(@DefaultValue List<Mailbox> mailboxes,
                       @DefaultValue("PT10S") Duration interval,
                       @DefaultValue("10MB") DataSize maxAttachmentSize,
                       @DefaultValue("20") int senderLimit,
                       @DefaultValue("PT1H") Duration senderWindow,
                       @DefaultValue("500") int batchSize,
                       @DefaultValue("8") int workers) {

    /**
     * One IMAP mailbox. {@code address} is the desk address customers write to (answers are sent from
     * it); {@code queue} the group new tickets from it go to when no routing rule names one;
     * {@code project} the project its tickets belong to.
     */
    record Mailbox(String name, @DefaultValue("imap") String protocol, String host, @DefaultValue("143") int port,
                   String username, String password, @DefaultValue("INBOX") String folder, String address,
                   String queue, @DefaultValue("false") boolean deleteAfterImport,
                   @DefaultValue("true") boolean enabled, @DefaultValue("default") String project) {
    }

    Mailbox mailbox(String name) {
        return mailboxes.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
