package org.linedesk.mail;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "outbox": DOWN when mail has waited longer than 15 minutes (SMTP unreachable);
 * the details count waiting and failed mails either way.
 */
@Component("outboxHealthIndicator")
class OutboxHealth implements HealthIndicator {

    static final Duration STUCK = Duration.ofMinutes(15);

    private final Outbox outbox;
    private final Clock clock;

    OutboxHealth(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Outbox.Backlog backlog = outbox.backlog();
        boolean stuck = backlog.oldestPending() != null
                && backlog.oldestPending().plus(STUCK).isBefore(clock.instant());
        return (stuck ? Health.down() : Health.up())
                .withDetail("pending", backlog.pending())
                .withDetail("failed", backlog.failed())
                .withDetail("oldestPending", backlog.oldestPending() == null ? "none" : backlog.oldestPending().toString())
                .build();
    }
}
