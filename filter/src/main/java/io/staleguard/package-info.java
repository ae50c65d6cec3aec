/**
 * Staleguard: stale sessions that heal themselves, and logouts no request in flight can undo.
 * <p>
 * The two filters are the whole runtime: {@link io.staleguard.StaleSessionFilter} turns a request whose session is
 * gone into a clean restart (the stale cookies expired exactly, a {@code 303} for page loads, a {@code 401} problem
 * document for script calls), and {@link io.staleguard.RollingSessionFilter} extends sessions with one atomic
 * conditional write so that a logout stays a logout. Both read their configuration, whose keys are the constants of
 * {@link io.staleguard.StaleguardConfig}, once at start-up.
 * <p>
 * Application code signals a dead session by throwing {@link io.staleguard.SessionNotFoundException}, or answers it
 * directly with {@link io.staleguard.Staleguard#recover(jakarta.servlet.http.HttpServletRequest,
 * jakarta.servlet.http.HttpServletResponse) Staleguard.recover}; it signs users out with
 * {@link io.staleguard.Staleguard#logout(jakarta.servlet.http.HttpServletRequest,
 * jakarta.servlet.http.HttpServletResponse) Staleguard.logout}. Every ended session is announced once as a
 * {@link io.staleguard.SessionEnded} to the {@link io.staleguard.SessionEndedListener}s.
 * <p>
 * The jar needs only the Servlet API at run time. Its {@code web-fragment.xml} registers both filters for every
 * request unless the application registers them (or subclasses of them) itself.
 *
 * @since 0.1
 */
package io.staleguard;
