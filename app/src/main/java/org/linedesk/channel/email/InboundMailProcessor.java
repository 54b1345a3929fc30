package org.linedesk.channel.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.linedesk.channel.CustomerIntake;
import org.linedesk.channel.IncomingRequest;
import org.linedesk.channel.IntakeResult;
import org.linedesk.mail.MailSettings;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one raw message into a ticket, an addition to one, or a quarantine entry — and records which
 * in inbound_mail, in the same transaction. A Message-ID already recorded is a second delivery and
 * changes nothing. Nothing is dropped: what cannot become a ticket is quarantined with its reason and
 * raw source for admins.
 */
@Component
class InboundMailProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundMailProcessor.class);

    enum Result { OPENED, APPENDED, FOLLOW_UP, DUPLICATE, QUARANTINED }

    private final CustomerIntake intake;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final InboundSettings settings;
    private final MailParser parser;
    private final Set<String> ownAddresses = new HashSet<>();
    private final Clock clock;

    InboundMailProcessor(CustomerIntake intake, JdbcClient jdbc, TransactionTemplate tx, InboundSettings settings,
                         MailSettings mail, Clock clock) {
        this.intake = intake;
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.parser = new MailParser(settings.maxAttachmentSize().toBytes());
        this.clock = clock;
        ownAddresses.add(mail.from().toLowerCase(Locale.ROOT));
        settings.mailboxes().stream().filter(m -> m.address() != null)
                .forEach(m -> ownAddresses.add(m.address().toLowerCase(Locale.ROOT)));
    }

    Result process(InboundSettings.Mailbox mailbox, byte[] raw) {
        return process(mailbox.name(), mailbox, raw, null);
    }

    /** Processes a quarantined message again on an admin's word: loop and rate checks are skipped. */
    Result release(long quarantineId, String admin) {
        Quarantined q = jdbc.sql("select id, mailbox, raw from inbound_mail where id = ? and outcome = 'QUARANTINED'")
                .param(quarantineId).query(Quarantined.class).optional()
                .orElseThrow(() -> new org.linedesk.core.NotFoundException("No quarantined message " + quarantineId));
        if (q.raw() == null) {
            throw new org.linedesk.core.ConflictException("Message " + quarantineId + " has no raw source to process");
        }
        return process(q.mailbox(), settings.mailbox(q.mailbox()), q.raw(), new Release(q.id(), admin));
    }

    private record Quarantined(long id, String mailbox, byte[] raw) {
    }

    private record Release(long id, String admin) {
    }

    private Result process(String mailboxName, InboundSettings.Mailbox mailbox, byte[] raw, Release release) {
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (Exception e) {
            return quarantine(mailboxName, raw, null, "cannot be read as an e-mail: " + e.getMessage(), release);
        }
        try {
            return tx.execute(status -> handle(mailboxName, mailbox, raw, mail, release));
        } catch (DuplicateKeyException e) {
            return Result.DUPLICATE; // another node took the same message at the same moment
        } catch (RuntimeException e) {
            log.warn("Message {} from {} could not become a ticket; quarantined", mail.messageId(),
                    mail.senderAddress(), e);
            return quarantine(mailboxName, raw, mail, "could not be processed: " + e.getMessage(), release);
        }
    }

    private Result handle(String mailboxName, InboundSettings.Mailbox mailbox, byte[] raw, ParsedMail mail,
                          Release release) {
        if (release == null && known(mail.messageId())) {
            log.info("Message {} was delivered again; already taken in", mail.messageId());
            return Result.DUPLICATE;
        }
        Instant now = clock.instant();
        String deskAddress = mailbox != null && mailbox.address() != null ? mailbox.address() : null;
        if (release == null) {
            String refusal = refusal(mail, now);
            if (refusal != null) {
                insert(mailboxName, mail, deskAddress, "QUARANTINED", null, refusal, raw, now);
                log.info("Message {} quarantined: {}", mail.messageId(), refusal);
                return Result.QUARANTINED;
            }
        } else if (mail.senderAddress() == null) {
            throw new org.linedesk.core.ConflictException("The message has no sender address; it cannot become a ticket");
        }
        List<String> recipients = new ArrayList<>(mail.recipients());
        if (deskAddress != null) {
            recipients.add(deskAddress.toLowerCase(Locale.ROOT));
        }
        List<String> notices = new ArrayList<>();
        mail.problems().forEach(p -> notices.add("e-mail " + mail.messageId() + ": " + p));
        boolean automatic = mail.loop() == ParsedMail.Loop.AUTOMATIC;
        IntakeResult result = intake.receive(new IncomingRequest(Channel.EMAIL, deskAddress,
                new Requester(trim(mail.senderName(), 200), mail.senderAddress(), mail.language()), recipients,
                mail.subject(), mail.content(), mail.headers(), mail.messageId(), mail.inReplyTo(), mail.references(),
                null, null, automatic, mail.loop() == ParsedMail.Loop.NONE,
                mailbox == null ? null : mailbox.queue(), notices, projectOf(mailbox)));
        if (result.outcome() == IntakeResult.Outcome.NOT_ADDED) {
            String reason = "automatic reply (" + describe(mail) + ") to closed ticket " + result.ticketNumber();
            record(release, mailboxName, mail, deskAddress, "QUARANTINED", null, reason, raw, now);
            return Result.QUARANTINED;
        }
        long ticketId = org.linedesk.ticket.TicketNumber.parse(result.ticketNumber()).orElseThrow();
        // the raw source is kept when something could not be read as intended (it is the only full copy then)
        record(release, mailboxName, mail, deskAddress, result.outcome().name(), ticketId,
                mail.malformed() ? String.join("; ", mail.problems()) : null, mail.malformed() ? raw : null, now);
        return switch (result.outcome()) {
            case OPENED -> Result.OPENED;
            case FOLLOW_UP -> Result.FOLLOW_UP;
            default -> Result.APPENDED;
        };
    }

    /** Why a message must not become a ticket by itself, or null. */
    private String refusal(ParsedMail mail, Instant now) {
        if (mail.senderAddress() == null) {
            return "no sender address could be read";
        }
        if (ownAddresses.contains(mail.senderAddress())) {
            return "sent from the desk's own address " + mail.senderAddress() + " (mail loop)";
        }
        // one sender's messages are counted one at a time (parallel workers, several nodes)
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("inbound-sender:" + mail.senderAddress())
                .query().singleRow();
        Integer recent = jdbc.sql("select count(*) from inbound_mail where sender = ? and received_at > ?")
                .params(mail.senderAddress(), Timestamp.from(now.minus(settings.senderWindow())))
                .query(Integer.class).single();
        if (recent >= settings.senderLimit()) {
            return "sender " + mail.senderAddress() + " sent more than " + settings.senderLimit() + " messages within "
                    + settings.senderWindow() + " (rate limit)";
        }
        return null;
    }

    private boolean known(String messageId) {
        return jdbc.sql("select count(*) from inbound_mail where message_id = ?").param(messageId)
                .query(Integer.class).single() > 0;
    }

    private Result quarantine(String mailboxName, byte[] raw, ParsedMail mail, String reason, Release release) {
        Instant now = clock.instant();
        String messageId = mail != null ? mail.messageId() : parserlessId(raw);
        try {
            tx.executeWithoutResult(status -> {
                if (release != null) {
                    jdbc.sql("update inbound_mail set reason = ? where id = ?").params(trim(reason, 2000), release.id()).update();
                } else if (!known(messageId)) {
                    jdbc.sql("""
                            insert into inbound_mail (mailbox, message_id, sender, subject, received_at, outcome, reason, raw,
                                                      project)
                            values (?, ?, ?, ?, ?, 'QUARANTINED', ?, ?, ?)""")
                            .params(mailboxName, messageId, mail == null ? null : mail.senderAddress(),
                                    mail == null ? null : trim(mail.subject(), 1000), Timestamp.from(now),
                                    trim(reason, 2000), raw, projectOf(settings.mailbox(mailboxName)))
                            .update();
                }
            });
        } catch (DuplicateKeyException e) {
            return Result.DUPLICATE;
        }
        return Result.QUARANTINED;
    }

    private void record(Release release, String mailboxName, ParsedMail mail, String deskAddress, String outcome,
                        Long ticketId, String reason, byte[] raw, Instant now) {
        if (release == null) {
            insert(mailboxName, mail, deskAddress, outcome, ticketId, reason, raw, now);
            return;
        }
        jdbc.sql("""
                update inbound_mail set outcome = ?, ticket_id = ?, reason = ?, released_at = ?, released_by = ?
                 where id = ?""")
                .params(outcome, ticketId, trim(reason, 2000), Timestamp.from(now), release.admin(), release.id())
                .update();
    }

    private void insert(String mailboxName, ParsedMail mail, String deskAddress, String outcome, Long ticketId,
                        String reason, byte[] raw, Instant now) {
        jdbc.sql("""
                insert into inbound_mail (mailbox, message_id, sender, recipient, subject, received_at, outcome,
                                          automatic, ticket_id, reason, raw, project)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(mailboxName, mail.messageId(), mail.senderAddress(), deskAddress, trim(mail.subject(), 1000),
                        Timestamp.from(now), outcome, mail.loop() == ParsedMail.Loop.AUTOMATIC, ticketId,
                        trim(reason, 2000), raw, projectOf(settings.mailbox(mailboxName)))
                .update();
    }

    /** The project of a mailbox's mail (mail of a mailbox no longer configured: the default project). */
    private static String projectOf(InboundSettings.Mailbox mailbox) {
        return mailbox == null ? org.linedesk.project.Project.DEFAULT : mailbox.project();
    }

    private static String describe(ParsedMail mail) {
        for (String h : List.of("Auto-Submitted", "Precedence", "X-Autoreply", "X-Autorespond", "X-Auto-Reply")) {
            List<String> values = mail.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(h))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (!values.isEmpty()) {
                return h + ": " + values.get(0).trim();
            }
        }
        return "bounce or list mail";
    }

    private static String parserlessId(byte[] raw) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(raw);
            return java.util.HexFormat.of().formatHex(hash) + "@unreadable.linedesk";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trim(String s, int max) {
        return s == null ? null : (s.length() > max ? s.substring(0, max) : s);
    }
}
