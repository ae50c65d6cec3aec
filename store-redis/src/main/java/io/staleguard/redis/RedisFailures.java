package io.staleguard.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.staleguard.store.StoreUnavailableException;

/**
 * What a Lettuce exception of a {@link RedisSessionStore} means: an outage that may heal
 * ({@link StoreUnavailableException}), or keys or a server that do not match the store ({@link IllegalStateException}).
 */
final class RedisFailures {

    private RedisFailures() {
    }

    /**
     * Only class names and Redis' error code go into the message: Lettuce and Redis messages name no keys, but a
     * session id must never end up in a log through a message some later version writes.
     *
     * @param description the store, as messages name it
     */
    static RuntimeException failure(String description, String operation, RedisException e) {
        if (e instanceof RedisCommandExecutionException x && isConfigurationError(x.getMessage())) {
            return new IllegalStateException(description + ": could not " + operation + " (" + errorCode(x)
                    + "). The keys under the prefix must be this store's hashes, and the server Redis 7.0 or later.",
                    e);
        }
        String code = e instanceof RedisCommandExecutionException x ? ", " + errorCode(x) : "";
        return new StoreUnavailableException(description + ": could not " + operation + " ("
                + e.getClass().getSimpleName() + code + ")", e);
    }

    /**
     * Whether Redis refused the command for a reason that waiting will not fix. Everything else (LOADING, BUSY,
     * READONLY after a failover, MASTERDOWN, OOM, TRYAGAIN, CLUSTERDOWN, too many clients) is transient.
     */
    static boolean isConfigurationError(String message) {
        if (message == null) {
            return false;
        }
        return message.startsWith("WRONGTYPE") || message.startsWith("NOPERM")
                || (message.startsWith("ERR") && !message.contains("max number of clients"));
    }

    private static String errorCode(RedisCommandExecutionException e) {
        String m = e.getMessage();
        if (m == null) {
            return "no message";
        }
        int space = m.indexOf(' ');
        String code = space < 0 ? m : m.substring(0, space);
        return code.length() > 20 || !code.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z') ? "error" : code;
    }
}
