package io.staleguard;

import java.time.Instant;
import java.util.Objects;

/**
 * Staleguard ended a session: it expired the session's cookies and invalidated or deleted what was left of it.
 * <p>
 * Fired exactly once per cleanup, to every {@link SessionEndedListener} and, with the CDI module, as a CDI event:
 * <pre>
 * void onEnded(&#64;Observes SessionEnded ended) {
 *     audit.log("session " + ended.sessionIdHash() + " ended: " + ended.reason());
 * }
 * </pre>
 * Session ids are credentials, so the event never carries one: {@link #sessionIdHash()} is a short, stable hash that
 * lets you correlate events and logs without being usable to take the session over.
 *
 * @param sessionIdHash 12 hexadecimal characters identifying the session id, or {@code null} when the request
 *        carried no session id
 * @param reason why the session ended; never null
 * @param requestPath the path of the request that ended it (without the query string, which may hold secrets); never null
 * @param at when it ended; never null
 * @since 0.1
 */
public record SessionEnded(String sessionIdHash, EndReason reason, String requestPath, Instant at) {

    /**
     * Checks the components.
     *
     * @param sessionIdHash the short hash of the session id, or {@code null}
     * @param reason why the session ended
     * @param requestPath the path of the request that ended it
     * @param at when it ended
     * @throws NullPointerException if {@code reason}, {@code requestPath} or {@code at} is null
     */
    public SessionEnded {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestPath, "requestPath");
        Objects.requireNonNull(at, "at");
    }
}
