package org.linedesk.rating;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A rating link's token: the invitation, its ticket and its expiry, signed with HMAC-SHA256 (128 bits
 * of it: unguessable, and nothing to look up before the signature is checked). Pure: no Spring here.
 */
final class RatingTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final byte[] key;

    RatingTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a signing key has at least 32 bytes");
        }
        this.key = key.clone();
    }

    static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static byte[] keyOf(String configured) {
        return configured.getBytes(StandardCharsets.UTF_8);
    }

    /** What a valid token says. */
    record Claims(long invitationId, long ticketId, Instant expiresAt) {
    }

    /** Why a token was refused, in the customer's words on the page and the field's reason in the API. */
    enum Refusal {
        MISSING("is required: open the link from the e-mail"),
        FORGED("is not a valid rating link"),
        OTHER_TICKET("belongs to another request"),
        EXPIRED("has expired"),
        UNKNOWN("names an answer that does not exist");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** A token that failed a check. */
    static final class RefusedToken extends RuntimeException {
        private final Refusal refusal;

        RefusedToken(Refusal refusal) {
            super("token: " + refusal.reason());
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    String sign(Claims claims) {
        byte[] payload = ByteBuffer.allocate(24).putLong(claims.invitationId()).putLong(claims.ticketId())
                .putLong(claims.expiresAt().getEpochSecond()).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claims of a token this key signed for {@code ticketId}, valid at {@code now}; else {@link RefusedToken}. */
    Claims verify(String token, long ticketId, Instant now) {
        if (token == null || token.isBlank()) {
            throw new RefusedToken(Refusal.MISSING);
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new RefusedToken(Refusal.FORGED);
        }
        if (dot < 0 || payload.length != 24 || !MessageDigest.isEqual(mac(payload), signature)) {
            throw new RefusedToken(Refusal.FORGED);
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        Claims claims = new Claims(buffer.getLong(), buffer.getLong(), Instant.ofEpochSecond(buffer.getLong()));
        if (claims.ticketId() != ticketId) {
            throw new RefusedToken(Refusal.OTHER_TICKET);
        }
        if (!now.isBefore(claims.expiresAt())) {
            throw new RefusedToken(Refusal.EXPIRED);
        }
        return claims;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(payload);
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
