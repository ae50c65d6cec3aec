package io.staleguard.internal.recovery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.staleguard.internal.config.ConfigReader;
import io.staleguard.spi.ConfigException;

/**
 * The signed {@code staleguard-restart} cookie (B7): the path and query where a flow started, HMAC-SHA256 signed with
 * the first key of the ring and verified against every key, so keys can be rotated without breaking flows in progress.
 * Cookie value: {@code 2.<issued>.<base64url(target)>.<base64url(mac)>}, {@code issued} in epoch seconds; the MAC also
 * covers the context path, so a cookie from another application on the same host never verifies here, and the issue
 * time, so a captured value replayed or planted later than {@link #MAX_AGE} after it was signed does not verify either.
 * Values of version 1 (no issue time) are no longer accepted.
 */
public final class RestartCookie {

    public static final String NAME = "staleguard-restart";

    /** The longest a signed restart target is honoured after it was captured: longer than any sign-in flow. */
    public static final Duration MAX_AGE = Duration.ofHours(12);

    /** Clocks of a cluster's nodes may differ this much: an issue time this far ahead still verifies. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** A target that verified, and when it was signed. */
    public record Verified(String target, long issuedEpochSecond) {
    }

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int MAX_VALUE_LENGTH = 4 * RestartTargets.MAX_LENGTH;
    private static final String VERSION = "2";

    private final List<SecretKeySpec> keys;
    private final boolean generated;

    private RestartCookie(List<SecretKeySpec> keys, boolean generated) {
        this.keys = List.copyOf(keys);
        this.generated = generated;
    }

    /**
     * @param value the {@code restart-keys} value: comma-separated Base64 (standard or URL-safe) keys of at least 32
     *        bytes each, or null for a random key that lives as long as this filter instance
     * @throws ConfigException if a key is not Base64 or too short
     */
    public static RestartCookie fromKeys(ConfigReader.Value value) {
        if (value == null) {
            byte[] random = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(random);
            return new RestartCookie(List.of(new SecretKeySpec(random, ALGORITHM)), true);
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        int position = 0;
        for (String item : ConfigReader.split(value.raw())) {
            position++;
            byte[] bytes;
            try {
                bytes = item.indexOf('-') >= 0 || item.indexOf('_') >= 0
                        ? Base64.getUrlDecoder().decode(item) : Base64.getDecoder().decode(item);
            } catch (IllegalArgumentException e) {
                throw value.invalid("key " + position + " is not Base64", "<output of: openssl rand -base64 32>");
            }
            if (bytes.length < MIN_KEY_BYTES) {
                throw value.invalid("key " + position + " decodes to " + bytes.length + " bytes and HMAC-SHA256 keys "
                        + "must have at least " + MIN_KEY_BYTES, "<output of: openssl rand -base64 32>");
            }
            keys.add(new SecretKeySpec(bytes, ALGORITHM));
        }
        if (keys.isEmpty()) {
            throw value.invalid("it lists no key", "<output of: openssl rand -base64 32>");
        }
        return new RestartCookie(keys, false);
    }

    /** @return whether the key was generated at start-up (restart cookies then do not survive a redeploy) */
    public boolean isGenerated() {
        return generated;
    }

    /** @return the signed cookie value for {@code target}, which must already be {@linkplain RestartTargets#isSafe safe} */
    public String sign(String contextPath, String target, Instant now) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(target.getBytes(StandardCharsets.UTF_8));
        String issued = Long.toString(now.getEpochSecond());
        byte[] mac = mac(keys.get(0), contextPath, issued, payload);
        return VERSION + '.' + issued + '.' + payload + '.' + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * @return the target in {@code value} when any key of the ring verifies it, it was signed at most {@link #MAX_AGE}
     *         before {@code now} and it is safe, else null; never throws
     */
    public Verified verify(String contextPath, String value, Instant now) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty() || parts[1].length() > 12) {
            return null;
        }
        long issued;
        byte[] presented;
        String target;
        try {
            issued = Long.parseLong(parts[1]);
            presented = Base64.getUrlDecoder().decode(parts[3]);
            target = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long age = now.getEpochSecond() - issued;
        if (age > MAX_AGE.getSeconds() || age < -CLOCK_SKEW.getSeconds()) {
            return null;
        }
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(mac(key, contextPath, parts[1], parts[2]), presented)) {
                return RestartTargets.isSafe(target) ? new Verified(target, issued) : null;
            }
        }
        return null;
    }

    private static byte[] mac(SecretKeySpec key, String contextPath, String issued, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + '|' + contextPath + '|' + issued + '|').getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java SE implementation.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
