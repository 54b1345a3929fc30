package org.linedesk.identity;

import java.time.Duration;

import org.springframework.security.authentication.AccountStatusException;

/** Too many failed logins: refused without checking the password, until {@link #retryAfter()} has passed. */
class LoginThrottledException extends AccountStatusException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins. Try again in " + LoginThrottledException.describe(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one (for Retry-After). */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    static String describe(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
