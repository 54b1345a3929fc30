package org.linedesk.core;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.http.HttpServletRequest;

/** At most {@code requests} per {@code window} from one client address (the public pages' limit, per node). */
public final class AddressRateLimit {

    private final int requests;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    public AddressRateLimit(int requests, Duration window) {
        this.requests = requests;
        this.window = window;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(100_000).build();
    }

    /** Counts the request; false once the address has used up its window. */
    public boolean allows(HttpServletRequest request) {
        return buckets.get(request.getRemoteAddr(), ip -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, window).build())
                .build()).tryConsume(1);
    }
}
