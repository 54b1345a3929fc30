package org.linedesk.channel.email;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "mailboxes": DOWN while any mailbox cannot be read, with when and why; "not configured"
 * (UP) when no mailbox is configured, since a desk may take requests by web form and API only.
 */
@Component("mailboxesHealthIndicator")
class MailboxHealth implements HealthIndicator {

    private final MailboxPoller poller;

    MailboxHealth(MailboxPoller poller) {
        this.poller = poller;
    }

    @Override
    public Health health() {
        if (poller.states().isEmpty()) {
            return Health.up().withDetail("mailboxes", "not configured").build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (var entry : new java.util.TreeMap<>(poller.states()).entrySet()) {
            MailboxPoller.MailboxState s = entry.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", s.consecutiveFailures() == 0 ? "UP" : "DOWN");
            d.put("lastSuccess", s.lastSuccess() == null ? "never" : s.lastSuccess().toString());
            if (s.consecutiveFailures() > 0) {
                down = true;
                d.put("consecutiveFailures", s.consecutiveFailures());
                d.put("lastError", s.lastError());
                d.put("nextAttempt", s.nextAttempt().toString());
            }
            details.put(entry.getKey(), d);
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }
}
