package org.linedesk.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.linedesk.core.ConflictException;
import org.linedesk.core.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox. {@link #enqueue} writes the mail in the caller's transaction (the
 * article, the ticket and the mail commit together or not at all); {@link OutboxWorker} sends it.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final MailSettings settings;
    private final Clock clock;

    Outbox(JdbcClient jdbc, MailSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Queues a mail; returns its Message-ID (fixed now, so replies to it thread even before it is sent). */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(OutgoingMail mail) {
        String messageId = UUID.randomUUID() + "@" + settings.domain();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into outbound_mail (ticket_id, purpose, from_address, to_address, subject, body, message_id,
                                           in_reply_to, references_ids, status, next_attempt_at, created_at,
                                           attachment_name, attachment_type, attachment)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)""")
                .params(mail.ticketId(), mail.purpose().name(), mail.from() == null ? settings.from() : mail.from(),
                        String.join(", ", mail.to()), mail.subject(), mail.body(), messageId, mail.inReplyTo(),
                        mail.references().isEmpty() ? null : String.join(" ", mail.references()), now, now,
                        mail.attachment() == null ? null : mail.attachment().name(),
                        mail.attachment() == null ? null : mail.attachment().contentType(),
                        mail.attachment() == null ? null : mail.attachment().content())
                .update();
        return messageId;
    }

    /** Mails of a ticket, or every mail in a state (PENDING, SENT, FAILED), newest first. */
    @Transactional(readOnly = true)
    public List<OutboundMailView> list(String status, Long ticketId, int limit) {
        return jdbc.sql("""
                select id, ticket_id, purpose, to_address, subject, message_id, status, attempts, next_attempt_at,
                       last_error, created_at, sent_at
                  from outbound_mail
                 where (cast(:status as varchar) is null or status = :status)
                   and (cast(:ticket as bigint) is null or ticket_id = :ticket)
                 order by id desc limit :limit""")
                .param("status", status).param("ticket", ticketId).param("limit", limit)
                .query(OutboundMailView.class).list();
    }

    /**
     * What the customer of a ticket was sent (acknowledgement, replies, resolution notice), oldest first, with
     * each mail's state: the agent must see when one did not reach the customer ("not delivered: 550 …").
     */
    @Transactional(readOnly = true)
    public List<OutboundMailView> customerMailsOf(long ticketId) {
        return jdbc.sql("""
                select id, ticket_id, purpose, to_address, subject, message_id, status, attempts, next_attempt_at,
                       last_error, created_at, sent_at
                  from outbound_mail
                 where ticket_id = ? and purpose in ('ACKNOWLEDGEMENT', 'REPLY', 'RESOLUTION')
                 order by id""")
                .param(ticketId).query(OutboundMailView.class).list();
    }

    /** An admin sends a failed mail again (after fixing the address or the server): it becomes due now. */
    @Transactional
    public void retry(long id) {
        String status = jdbc.sql("select status from outbound_mail where id = ? for update").param(id)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("No outgoing mail " + id));
        if (!status.equals("FAILED")) {
            throw new ConflictException("Mail " + id + " is " + status + "; only failed mails are retried by hand");
        }
        jdbc.sql("update outbound_mail set status = 'PENDING', attempts = 0, next_attempt_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    /** Counts for health: mails waiting, failed for good, and the age of the oldest waiting one. */
    @Transactional(readOnly = true)
    public Backlog backlog() {
        return jdbc.sql("""
                select count(*) filter (where status = 'PENDING') as pending,
                       count(*) filter (where status = 'FAILED') as failed,
                       min(created_at) filter (where status = 'PENDING') as oldest_pending
                  from outbound_mail where status <> 'SENT'""")
                .query(Backlog.class).single();
    }

    public record OutboundMailView(long id, Long ticketId, String purpose, String toAddress, String subject,
                                   String messageId, String status, int attempts, Instant nextAttemptAt,
                                   String lastError, Instant createdAt, Instant sentAt) {

        /** In words for the agent: "sent", "waiting (3 attempts: Connection refused)", "not delivered: 550 …". */
        public String delivery() {
            switch (status) {
                case "SENT":
                    return "sent";
                case "FAILED":
                    return "not delivered: " + lastError;
                default:
                    return attempts == 0 ? "waiting to be sent"
                            : "waiting (" + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + lastError + ")";
            }
        }

        public OutboundMailView withToAddress(String shown) {
            return new OutboundMailView(id, ticketId, purpose, shown, subject, messageId, status, attempts,
                    nextAttemptAt, lastError, createdAt, sentAt);
        }
    }

    public record Backlog(long pending, long failed, Instant oldestPending) {
    }
}
