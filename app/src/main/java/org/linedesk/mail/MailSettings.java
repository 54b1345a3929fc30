package org.linedesk.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * linedesk.mail.*: the desk's own address (sender of acknowledgements and replies unless the
 * customer wrote to another desk address) and how the outbox retries.
 */
@ConfigurationProperties("linedesk.mail")
public record MailSettings(@DefaultValue("support@linedesk.local") String from,
                           @DefaultValue("LineDesk support") String fromName,
                           @DefaultValue Outbox outbox) {

    /** Host part of generated Message-IDs. */
    public String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 ? "linedesk.local" : from.substring(at + 1);
    }

    public record Outbox(@DefaultValue("50") int batchSize,
                         @DefaultValue("12") int maxAttempts,
                         @DefaultValue("PT10S") Duration firstRetry,
                         @DefaultValue("PT1H") Duration maxRetry) {

        /** 10 s, 20 s, 40 s, … at most an hour: a short SMTP outage is bridged quickly, a long one without hammering. */
        public Duration backoff(int attempts) {
            long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
            Duration d = firstRetry.multipliedBy(factor);
            return d.compareTo(maxRetry) > 0 ? maxRetry : d;
        }
    }
}
