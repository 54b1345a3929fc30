package org.linedesk.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "smtp": "not configured" (UP) without {@code SMTP_HOST}; otherwise whether the server
 * answers, with the reason when it does not. A probe every few seconds must not open an SMTP connection
 * each time (nor wait 10 s on a dead host), so the answer is kept for {@link #KEEP} and the check itself
 * gives up after {@link #TIMEOUT}.
 */
@Component("smtpHealthIndicator")
class SmtpHealth implements HealthIndicator {

    static final Duration KEEP = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MailProperties mail;
    private final Clock clock;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    SmtpHealth(MailProperties mail, Clock clock) {
        this.mail = mail;
        this.clock = clock;
    }

    static boolean configured(MailProperties mail) {
        return mail.getHost() != null && !mail.getHost().isBlank();
    }

    @Override
    public synchronized Health health() {
        if (!configured(mail)) {
            return Health.up().withDetail("smtp", "not configured (SMTP_HOST is empty): mail waits in the outbox").build();
        }
        Instant now = clock.instant();
        if (last == null || now.isBefore(checkedAt) || !now.isBefore(checkedAt.plus(KEEP))) {
            last = check();
            checkedAt = now;
        }
        return last;
    }

    /** Forgets the kept answer (tests; an admin who just fixed the server). */
    synchronized void forget() {
        last = null;
    }

    private Health check() {
        String server = mail.getHost() + ":" + (mail.getPort() == null ? 25 : mail.getPort());
        Properties props = new Properties();
        String protocol = mail.getProtocol() == null ? "smtp" : mail.getProtocol();
        props.putAll(mail.getProperties());
        props.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        props.setProperty("mail." + protocol + ".timeout", String.valueOf(TIMEOUT.toMillis()));
        try (Transport transport = Session.getInstance(props).getTransport(protocol)) {
            transport.connect(mail.getHost(), mail.getPort() == null ? -1 : mail.getPort(),
                    blankToNull(mail.getUsername()), blankToNull(mail.getPassword()));
            return Health.up().withDetail("server", server).build();
        } catch (MessagingException | RuntimeException e) {
            return Health.down().withDetail("server", server).withDetail("reason", SmtpRefusal.describe(e)).build();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
