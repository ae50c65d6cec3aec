package io.staleguard.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Session ids are credentials (E2): this is the only form in which they leave a request. */
public final class SessionIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SessionIds() {
    }

    /** @return the first 12 hex digits of the id's SHA-256, or null for a null id */
    public static String hash(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        char[] out = new char[12];
        for (int i = 0; i < 6; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
