package org.linedesk.mail;

import java.util.List;

/**
 * A mail to send. {@code inReplyTo} and {@code references} are Message-IDs without angle brackets;
 * {@code from} null means the desk's default address.
 */
public record OutgoingMail(Long ticketId, Purpose purpose, String from, List<String> to, String subject, String body,
                           String inReplyTo, List<String> references, File attachment) {

    public OutgoingMail(Long ticketId, Purpose purpose, String from, List<String> to, String subject, String body,
                        String inReplyTo, List<String> references) {
        this(ticketId, purpose, from, to, subject, body, inReplyTo, references, null);
    }

    /** One attached file (a scheduled report). */
    public record File(String name, String contentType, byte[] content) {
    }

    public OutgoingMail {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        to = List.copyOf(to);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** Why the mail is sent; automatic ones carry Auto-Submitted so other systems do not answer them. */
    public enum Purpose {
        ACKNOWLEDGEMENT(true), REPLY(false), RESOLUTION(true), SLA_NOTIFICATION(true), RATING_NOTIFICATION(true),
        REPORT(true);

        private final boolean automatic;

        Purpose(boolean automatic) {
            this.automatic = automatic;
        }

        public boolean automatic() {
            return automatic;
        }
    }
}
