package io.staleguard;

import java.io.IOException;
import java.util.Objects;

import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.Engine;
import io.staleguard.internal.rolling.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Static entry points for application code: {@link #logout(HttpServletRequest, HttpServletResponse) logout}, and
 * {@link #recover(HttpServletRequest, HttpServletResponse) recover} for code that finds out about a stale session
 * itself, without an exception.
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
     * @param request the request whose session is gone
     * @param response its response, which gets the recovery answer
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
     * @param request the request whose session ended
     * @param response its response, which gets the recovery answer
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

    /**
     * Signs the user out so that no request still in flight can sign them back in:
     * <ol>
     * <li>deletes the session's record from the {@link io.staleguard.store.SessionStore} (every session id the
     * request's session cookies carry, the first two at most), so that every concurrent rolling request finds it gone and refreshes nothing;</li>
     * <li>invalidates the {@code HttpSession}, if any;</li>
     * <li>expires the session cookie (and the configured {@code cookies} the request carried) with exactly the Path and
     * Domain it was set with, and marks the response {@code Cache-Control: private, no-cache, no-store,
     * must-revalidate}; a {@code Set-Cookie} the application writes later for the old session id is dropped;</li>
     * <li>fires one {@link SessionEnded} with {@link EndReason#LOGGED_OUT}.</li>
     * </ol>
     * The response is not reset: write your "signed out" page or redirect afterwards. It works when the session is
     * already gone (expired, or ended by a concurrent logout), and calling it twice fires one event.
     * <pre>
     * &#64;POST &#64;Path("/logout")
     * public void logout(&#64;Context HttpServletRequest request, &#64;Context HttpServletResponse response) throws IOException {
     *     Staleguard.logout(request, response);
     *     response.sendRedirect(request.getContextPath() + "/");
     * }
     * </pre>
     *
     * @param request the request of the user signing out
     * @param response its response, not yet committed
     * @return whether the cookie expiries were written; false when the response was already committed (the session is
     *         still ended and the event fired, and one WARN is logged)
     * @throws NullPointerException if an argument is null
     * @throws io.staleguard.store.StoreUnavailableException if the store could not delete the record; then nothing
     *         else was done (no invalidation, no cookie, no event), so the user can simply try again
     * @throws IllegalArgumentException if no filter is registered and the {@code staleguard.*} context-params are invalid
     */
    public static boolean logout(HttpServletRequest request, HttpServletResponse response) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        return engineFor(request).logout(request, response);
    }

    private static Engine engineFor(HttpServletRequest request) {
        Exchange exchange = Exchange.current();
        if (exchange != null && exchange.engine().settings().contextPath.equals(request.getContextPath())) {
            return exchange.engine();
        }
        return ApplicationRuntime.of(request.getServletContext()).contextEngine();
    }
}
