package org.linedesk.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.linedesk.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing, for the form login and HTTP Basic alike. Failures are counted in the
 * database (every node sees them) under three keys — the account from this address, this address,
 * this account — each with its own limit; past a limit the key is blocked for a while that doubles
 * with each further failure, up to a maximum. A blocked attempt is refused without looking at the
 * password. A success clears the account's counters, never the address's (one valid account must not
 * reset an attacker's address). Every failure and every new block is on the audit log.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final LoginThrottleSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, LoginThrottleSettings settings, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** How much longer this account may not log in from this address, if it is blocked now. */
    Optional<Duration> blockedFor(String userId, String address) {
        Instant now = clock.instant();
        Timestamp until = jdbc.sql("select max(blocked_until) from login_throttle where key in (:keys) and blocked_until > :now")
                .param("keys", keys(userId, address).stream().map(Key::id).toList())
                .param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().orElse(null);
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until.toInstant()));
    }

    /** Counts a failed login; blocks the keys that reached their limit. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String userId, String address) {
        Instant now = clock.instant();
        audit.record(userId, "LOGIN_FAILED", "account " + userId, null, "REFUSED: wrong user name or password");
        for (Key key : keys(userId, address)) {
            int failures = jdbc.sql("""
                    insert into login_throttle (key, failures, first_failure_at) values (:key, 1, :now)
                    on conflict (key) do update set
                        failures = case when login_throttle.first_failure_at < :windowStart
                                         and coalesce(login_throttle.blocked_until, :now) <= :now
                                        then 1 else login_throttle.failures + 1 end,
                        first_failure_at = case when login_throttle.first_failure_at < :windowStart
                                         and coalesce(login_throttle.blocked_until, :now) <= :now
                                        then :now else login_throttle.first_failure_at end
                    returning failures""")
                    .param("key", key.id()).param("now", Timestamp.from(now))
                    .param("windowStart", Timestamp.from(now.minus(settings.window())))
                    .query(Integer.class).single();
            if (failures >= key.limit()) {
                Duration block = blockAfter(failures - key.limit());
                jdbc.sql("update login_throttle set blocked_until = :until where key = :key")
                        .param("until", Timestamp.from(now.plus(block))).param("key", key.id()).update();
                audit.record(userId, "LOGIN_THROTTLED", key.describe(),
                        failures + " failed logins within " + settings.window() + "; blocked for " + block,
                        "REFUSED: too many failed logins");
            }
        }
    }

    /** A correct password: the account starts afresh (the address keeps its count). */
    void succeeded(String userId, String address) {
        jdbc.sql("delete from login_throttle where key in (:keys)")
                .param("keys", List.of(Key.account(userId, settings).id(), Key.accountAndAddress(userId, address, settings).id()))
                .update();
    }

    /** firstBlock × 2^n, at most maxBlock. */
    Duration blockAfter(int furtherFailures) {
        Duration block = settings.firstBlock();
        for (int i = 0; i < furtherFailures && block.compareTo(settings.maxBlock()) < 0; i++) {
            block = block.multipliedBy(2);
        }
        return block.compareTo(settings.maxBlock()) > 0 ? settings.maxBlock() : block;
    }

    private List<Key> keys(String userId, String address) {
        return List.of(Key.accountAndAddress(userId, address, settings), Key.address(address, settings),
                Key.account(userId, settings));
    }

    private record Key(String id, int limit, String describe) {

        static Key accountAndAddress(String userId, String address, LoginThrottleSettings s) {
            return new Key(cut("account+address:" + userId + "|" + address), s.perAccountAndAddress(),
                    "account " + userId + " from " + address);
        }

        static Key address(String address, LoginThrottleSettings s) {
            return new Key("address:" + address, s.perAddress(), "address " + address);
        }

        static Key account(String userId, LoginThrottleSettings s) {
            return new Key(cut("account:" + userId), s.perAccount(), "account " + userId);
        }

        private static String cut(String key) {
            return key.length() <= 400 ? key : key.substring(0, 400);
        }
    }
}
