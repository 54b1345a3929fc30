package org.linedesk.rating;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * linedesk.ratings.*: how long a rating link stays valid, which quality counts as low (its leads are
 * told), the key links are signed with (empty: one made and kept in the database), and how many
 * ratings one client address may send per window.
 */
@ConfigurationProperties("linedesk.ratings")
record RatingSettings(@DefaultValue("P30D") Duration validFor,
                      @DefaultValue("2") int lowQualityAtMost,
                      String signingKey,
                      @DefaultValue("20") int requestsPerWindow,
                      @DefaultValue("PT10M") Duration window) {

    RatingSettings {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("linedesk.ratings.valid-for: must be positive, is " + validFor);
        }
        if (lowQualityAtMost < 0 || lowQualityAtMost > 5) {
            throw new IllegalArgumentException("linedesk.ratings.low-quality-at-most: is 0 to 5, is " + lowQualityAtMost);
        }
        if (signingKey != null && !signingKey.isBlank() && signingKey.length() < 32) {
            throw new IllegalArgumentException("linedesk.ratings.signing-key: at least 32 characters (or empty)");
        }
    }
}
