package org.linedesk.channel.email;

import java.util.List;
import java.util.Map;

import org.linedesk.ticket.MessageContent;

/**
 * A message from a mailbox as LineDesk reads it. {@code problems} lists what could not be read as
 * intended (bad charset, broken structure, attachment over the limit): the message still becomes a
 * ticket, the raw source is kept and the problems go into its history.
 */
record ParsedMail(String messageId, String senderName, String senderAddress, List<String> recipients, String subject,
                  MessageContent content, List<String> inReplyTo, List<String> references,
                  Map<String, List<String>> headers, Loop loop, String language, List<String> problems) {

    /** What the headers say about the sender being a machine. */
    enum Loop {
        /** A person wrote. */
        NONE,
        /** The sender asks for no automatic answers (X-Auto-Response-Suppress): no acknowledgement. */
        NO_AUTO_REPLY,
        /** An automatic message (out-of-office, bounce, bulk): no acknowledgement, no reopen, no follow-up. */
        AUTOMATIC
    }

    boolean malformed() {
        return !problems.isEmpty();
    }
}
