package org.linedesk.mail;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "outbox": DOWN when mail has waited longer than 15 minutes (SMTP unreachable);
 * the details count waiting and failed mails either way. Without an SMTP server configured mail waits
 * by intent: that is said, not reported as a failure.
 */
@Component("outboxHealthIndicator")
class OutboxHealth implements HealthIndicator {

    static final Duration STUCK = Duration.ofMinutes(15);

    private final Outbox outbox;
    private final Clock clock;
    private final MailProperties mail;

    OutboxHealth(Outbox outbox, Clock clock, MailProperties mail) {
        this.outbox = outbox;
        this.clock = clock;
        this.mail = mail;
    }

    @Override
    public Health health() {
        Outbox.Backlog backlog = outbox.backlog();
        boolean sending = SmtpHealth.configured(mail);
        boolean stuck = sending && backlog.oldestPending() != null
                && backlog.oldestPending().plus(STUCK).isBefore(clock.instant());
        return (stuck ? Health.down() : Health.up())
                .withDetail("sending", sending ? "on" : "not configured (SMTP_HOST is empty)")
                .withDetail("pending", backlog.pending())
                .withDetail("failed", backlog.failed())
                .withDetail("oldestPending", backlog.oldestPending() == null ? "none" : backlog.oldestPending().toString())
                .build();
    }
}
