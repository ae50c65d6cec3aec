package io.staleguard.example.rolling;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.StoreSessions;
import io.staleguard.example.Web;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>The anti-pattern of incident 2, kept on purpose; do not copy it.</b> A home-made rolling-session filter, the
 * shape of the one in the incident: it loads the session when a request starts, rolls its cookie, lets the request
 * run, and saves the session it loaded when the request ends. That save is an upsert (a key-value store's
 * {@code set(id, session)}), so a request that was in flight while the user signed out writes the deleted session
 * back, and its response hands the browser the cookie again: the user is signed in after signing out.
 * <p>
 * Checking "is it still there?" right before saving narrows that window, but does not close it: the logout can land
 * between the check and the write. Only a single conditional write that never creates a record closes it, which is
 * what {@code RollingSessionFilter} makes ({@code SessionStore.touchIfPresent}). This demo's requests are slow (long
 * polls that stay in flight until the logout), so the window is wide enough to hit every time.
 * <p>
 * Mapped in {@code web.xml} to {@code /incident2/without/*}, in the place {@code RollingSessionFilter} has under
 * {@code /incident2/with/*}. Like the incident's SDK, it leaves the sign-in and sign-out requests alone.
 */
public class NaiveRollingFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String id = Web.cookieValue(req, RollingIncident.SESSION_COOKIE);
        String path = Web.pathOf(req);
        if (id == null || path.endsWith("/login") || path.endsWith("/logout")) {
            chain.doFilter(req, res);
            return;
        }
        StoreSessions sessions = ExampleApp.of(getServletContext()).storeSessions();
        SessionStore store = sessions.store();
        // Read: load the session.
        Optional<StoredSession> loaded = store.lookup(id);
        Optional<StoreSessions.Data> data = sessions.data(id);
        if (loaded.isEmpty() || data.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        res.addCookie(Web.cookie(RollingIncident.SESSION_COOKIE, id,
                RollingIncident.cookiePath(req.getContextPath(), Mode.WITHOUT),
                (int) StoreSessions.INACTIVITY.getSeconds()));

        chain.doFilter(req, res);

        // Write: save the session that was loaded. An upsert, so a session deleted meanwhile comes back.
        save(store, id, loaded.get());
        sessions.put(id, data.get());
    }

    /**
     * {@code set(id, session)}: update the record, and insert it when there is none. That insert is the bug: it cannot
     * tell "never existed" from "deleted by a logout a moment ago".
     */
    private static void save(SessionStore store, String id, StoredSession loaded) {
        Instant expiry = Instant.now().plus(StoreSessions.INACTIVITY);
        if (expiry.isAfter(loaded.absoluteExpiresAt())) {
            expiry = loaded.absoluteExpiresAt();
        }
        if (store.touchIfPresent(id, expiry).isGone()) {
            try {
                store.create(id, new StoredSession(loaded.createdAt(), expiry, loaded.absoluteExpiresAt()));
            } catch (IllegalArgumentException anotherSaveInsertedItFirst) {
                // the same outcome: the record is back
            }
        }
    }
}
