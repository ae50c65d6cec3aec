package io.staleguard.cluster.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Small helpers of the suite: waiting for a server to reach a state, and new session ids. */
public final class Await {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Await() {
    }

    /** A state of a server, asked again until it holds; an exception counts as "not yet". */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits up to a minute for {@code condition}: servers the suite starts reach their states in seconds. */
    public static void until(Condition condition, String what) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited in vain for " + what);
    }

    /** @return a new unguessable session id, as applications make them */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
