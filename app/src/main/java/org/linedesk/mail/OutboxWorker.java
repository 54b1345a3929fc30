package org.linedesk.mail;

import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds. Each batch is claimed with FOR UPDATE SKIP LOCKED (several nodes
 * share the work without sending a mail twice), sent over one SMTP connection, and marked sent or
 * rescheduled with back-off in the same transaction. A mail that keeps failing ends as FAILED,
 * visible to admins (GET /api/mail/outbox?status=FAILED), on its ticket and in health — never dropped.
 * A permanent refusal (an SMTP 5xx reply to the mail: unknown user, relay denied) ends it as FAILED at
 * once: retrying for hours would only hide from the agent that the customer did not get it. Without an
 * SMTP server configured nothing is tried and mail waits.
 */
@Component
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    /**
     * Built once: a Session and the MIME type map per message read javamail's and the map's files
     * from the class path every time (a third of the outbox worker's time under a burst of SLA mails).
     */
    private static final Session SESSION = Session.getInstance(new java.util.Properties());
    private static final jakarta.activation.FileTypeMap FILE_TYPES = fileTypes();

    private static jakarta.activation.FileTypeMap fileTypes() {
        org.springframework.mail.javamail.ConfigurableMimeFileTypeMap types = new org.springframework.mail.javamail.ConfigurableMimeFileTypeMap();
        types.afterPropertiesSet();
        return types;
    }

    private final JdbcClient jdbc;
    private final JavaMailSender sender;
    private final TransactionTemplate tx;
    private final MailSettings settings;
    private final Clock clock;
    private final boolean smtpConfigured;

    OutboxWorker(JdbcClient jdbc, JavaMailSender sender, TransactionTemplate tx, MailSettings settings, Clock clock,
                 MailProperties smtp) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.smtpConfigured = SmtpHealth.configured(smtp);
        if (!smtpConfigured) {
            log.warn("No SMTP server is configured (SMTP_HOST): outgoing mail waits in the outbox until one is");
        }
    }

    @Scheduled(fixedDelayString = "${linedesk.mail.outbox.interval:PT1S}")
    void poll() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Outbox run failed; it is retried on the next run", e);
        }
    }

    /** Sends every due mail, batch after batch; returns how many were sent. */
    public int sendDue() {
        if (!smtpConfigured) {
            return 0;
        }
        int sent = 0;
        while (true) {
            Batch batch = tx.execute(status -> sendBatch());
            sent += batch.sent();
            if (batch.claimed() < settings.outbox().batchSize()) {
                return sent;
            }
        }
    }

    private record Batch(int claimed, int sent) {
    }

    private Batch sendBatch() {
        Instant now = clock.instant();
        List<Row> due = jdbc.sql("""
                select id, from_address, to_address, subject, body, message_id, in_reply_to, references_ids, purpose,
                       attempts, attachment_name, attachment_type, attachment
                  from outbound_mail
                 where status = 'PENDING' and next_attempt_at <= ?
                 order by next_attempt_at, id
                 limit ? for update skip locked""")
                .params(Timestamp.from(now), settings.outbox().batchSize()).query(Row.class).list();
        if (due.isEmpty()) {
            return new Batch(0, 0);
        }
        Map<Long, MimeMessage> messages = new LinkedHashMap<>();
        Map<Long, Failure> failures = new LinkedHashMap<>();
        for (Row row : due) {
            try {
                messages.put(row.id(), toMime(row));
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                failures.put(row.id(), new Failure("cannot build the message: " + e.getMessage(), true));
            }
        }
        if (!messages.isEmpty()) {
            send(messages, failures);
        }
        List<Object[]> sentRows = new ArrayList<>();
        for (Row row : due) {
            Failure error = failures.get(row.id());
            if (error == null) {
                sentRows.add(new Object[] {Timestamp.from(now), row.id()});
            } else {
                reschedule(row, error, now);
            }
        }
        for (Object[] args : sentRows) {
            jdbc.sql("update outbound_mail set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null"
                    + " where id = ?").params(args).update();
        }
        return new Batch(due.size(), sentRows.size());
    }

    private void send(Map<Long, MimeMessage> messages, Map<Long, Failure> failures) {
        List<Long> ids = new ArrayList<>(messages.keySet());
        try {
            sender.send(messages.values().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // connection refused, authentication: nothing went out, and the server is to blame, not the mail
            if (e.getFailedMessages().isEmpty()) {
                ids.forEach(id -> failures.put(id, new Failure(SmtpRefusal.describe(e), false)));
            }
            List<MimeMessage> sent = new ArrayList<>(messages.values());
            e.getFailedMessages().forEach((message, cause) -> {
                int index = sent.indexOf(message);
                failures.put(index >= 0 ? ids.get(index) : ids.get(0),
                        new Failure(SmtpRefusal.describe(cause), SmtpRefusal.isPermanent(cause)));
            });
        } catch (MailException e) {
            ids.forEach(id -> failures.put(id, new Failure(SmtpRefusal.describe(e), false)));
        }
    }

    /** Why a mail was not sent; permanent when the server refused this mail for good (retrying cannot help). */
    private record Failure(String text, boolean permanent) {
    }

    private void reschedule(Row row, Failure failure, Instant now) {
        int attempts = row.attempts() + 1;
        boolean giveUp = failure.permanent() || attempts >= settings.outbox().maxAttempts();
        String error = failure.text();
        String text = error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.sql("update outbound_mail set attempts = ?, last_error = ?, next_attempt_at = ?, status = ? where id = ?")
                .params(attempts, text, Timestamp.from(now.plus(settings.outbox().backoff(attempts))),
                        giveUp ? "FAILED" : "PENDING", row.id())
                .update();
        if (failure.permanent()) {
            log.warn("Mail {} to {} refused for good, not retried: {}", row.id(), row.toAddress(), text);
        } else if (giveUp) {
            log.error("Mail {} to {} failed {} times and is given up: {}", row.id(), row.toAddress(), attempts, text);
        } else {
            log.warn("Mail {} to {} not sent (attempt {}), retry later: {}", row.id(), row.toAddress(), attempts, text);
        }
    }

    private MimeMessage toMime(Row row) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMimeMessage(SESSION, row.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, row.attachment() != null, "UTF-8") {
            @Override
            protected jakarta.activation.FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return FILE_TYPES;
            }
        };
        helper.setFrom(new InternetAddress(row.fromAddress(), settings.fromName(), "UTF-8"));
        helper.setTo(InternetAddress.parse(row.toAddress()));
        helper.setSubject(row.subject());
        helper.setText(row.body(), false);
        if (row.attachment() != null) {
            helper.addAttachment(row.attachmentName(),
                    new org.springframework.core.io.ByteArrayResource(row.attachment()), row.attachmentType());
        }
        helper.setSentDate(java.util.Date.from(clock.instant()));
        if (row.inReplyTo() != null) {
            message.setHeader("In-Reply-To", MessageIds.bracketed(row.inReplyTo()));
        }
        if (row.referencesIds() != null) {
            message.setHeader("References", String.join(" ",
                    java.util.Arrays.stream(row.referencesIds().split(" ")).map(MessageIds::bracketed).toList()));
        }
        OutgoingMail.Purpose purpose = OutgoingMail.Purpose.valueOf(row.purpose());
        if (purpose.automatic()) {
            // RFC 3834: other robots must not answer; an acknowledgement answers a mail, the rest are generated
            message.setHeader("Auto-Submitted",
                    purpose == OutgoingMail.Purpose.ACKNOWLEDGEMENT ? "auto-replied" : "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        return message;
    }

    record Row(long id, String fromAddress, String toAddress, String subject, String body, String messageId,
               String inReplyTo, String referencesIds, String purpose, int attempts, String attachmentName,
               String attachmentType, byte[] attachment) {
    }

    /** Keeps the Message-ID the outbox fixed (Jakarta Mail would otherwise make a new one when saving). */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", MessageIds.bracketed(messageId));
        }
    }
}
