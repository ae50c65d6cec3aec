package io.staleguard;

import java.io.IOException;
import java.util.Objects;

import io.staleguard.internal.Engine;
import io.staleguard.internal.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Static entry points for application code that finds out about a stale session itself, without an exception.
 * <pre>
 * Interaction interaction = interactions.find(uid);
 * if (interaction == null) {
 *     Staleguard.recover(request, response);   // expire the cookies, 303 (or 401) to a fresh start
 *     return;
 * }
 * </pre>
 * They use the configuration of the application's {@link StaleSessionFilter}, or, when none is registered, the
 * {@code staleguard.*} context-params.
 *
 * @since 0.1
 */
public final class Staleguard {

    private Staleguard() {
    }

    /**
     * Recovers from a session that was not found: same as {@link #recover(HttpServletRequest, HttpServletResponse, EndReason)}
     * with {@link EndReason#NOT_FOUND}.
     *
     * @return whether the recovery response was written; false when the response was already committed
     * @throws IOException if writing the response fails
     */
    public static boolean recover(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return recover(request, response, EndReason.NOT_FOUND);
    }

    /**
     * Ends the request's session and answers with a fresh start: resets the response, invalidates the
     * {@code HttpSession}, expires the configured cookies the request carried, fires one {@link SessionEnded}, and writes
     * the 303, 401 or Faces redirect (or, within the retry window of a previous recovery, the explanation page).
     * Calling it again on the same request does nothing more.
     *
     * @param reason why the session ended
     * @return whether the recovery response was written; false when the response was already committed (the session is
     *         still invalidated and the event fired, and one WARN is logged)
     * @throws NullPointerException if an argument is null
     * @throws IOException if writing the response fails
     * @throws IllegalArgumentException if no filter is registered and the {@code staleguard.*} context-params are invalid
     */
    public static boolean recover(HttpServletRequest request, HttpServletResponse response, EndReason reason)
            throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(reason, "reason");
        return engineFor(request).recover(request, response, reason, null);
    }

    private static Engine engineFor(HttpServletRequest request) {
        Exchange exchange = Exchange.current();
        if (exchange != null && exchange.engine().settings().contextPath().equals(request.getContextPath())) {
            return exchange.engine();
        }
        return Engine.forContext(request.getServletContext());
    }
}
