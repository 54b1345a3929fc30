package org.linedesk.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stateless API clients send their password with every request. Checking it against the engine and
 * loading the user's groups costs three engine commands, so a successful login is remembered for a
 * short time ({@code linedesk.security.login-cache}, default 30 s): the same user with the same
 * password (compared by SHA-256 digest, never stored in clear) is let in without asking the engine
 * again. A password or membership change therefore takes effect within that time.
 */
@Component
class RecentLogins {

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    RecentLogins(@Value("${linedesk.security.login-cache:PT30S}") Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    Optional<Actor> find(String userId, String password) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Entry entry = entries.get(userId);
        if (entry == null || entry.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.digest(), digest(userId, password)) ? Optional.of(entry.actor()) : Optional.empty();
    }

    void remember(String userId, String password, Actor actor) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(userId, new Entry(digest(userId, password), actor, clock.instant().plus(ttl)));
    }

    private static byte[] digest(String userId, String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((userId + '\0' + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(byte[] digest, Actor actor, Instant expires) {
    }
}
