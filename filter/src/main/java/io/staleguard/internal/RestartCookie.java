package io.staleguard.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed {@code staleguard-restart} cookie (B7): the path and query where a flow started, HMAC-SHA256 signed with
 * the first key of the ring and verified against every key, so keys can be rotated without breaking flows in progress.
 * Cookie value: {@code 1.<base64url(target)>.<base64url(mac)>}; the MAC also covers the context path, so a cookie from
 * another application on the same host never verifies here.
 */
public final class RestartCookie {

    public static final String NAME = "staleguard-restart";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int MAX_VALUE_LENGTH = 4 * RestartTargets.MAX_LENGTH;
    private static final String VERSION = "1";

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
    public String sign(String contextPath, String target) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(target.getBytes(StandardCharsets.UTF_8));
        byte[] mac = mac(keys.get(0), contextPath, payload);
        return VERSION + '.' + payload + '.' + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** @return the target in {@code value} when any key of the ring verifies it and it is safe, else null; never throws */
    public String verify(String contextPath, String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        int first = value.indexOf('.');
        int second = value.indexOf('.', first + 1);
        if (first < 0 || second < 0 || value.indexOf('.', second + 1) >= 0 || !VERSION.equals(value.substring(0, first))) {
            return null;
        }
        String payload = value.substring(first + 1, second);
        byte[] presented;
        String target;
        try {
            presented = Base64.getUrlDecoder().decode(value.substring(second + 1));
            target = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(mac(key, contextPath, payload), presented)) {
                return RestartTargets.isSafe(target) ? target : null;
            }
        }
        return null;
    }

    private static byte[] mac(SecretKeySpec key, String contextPath, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + '|' + contextPath + '|').getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java SE implementation.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
