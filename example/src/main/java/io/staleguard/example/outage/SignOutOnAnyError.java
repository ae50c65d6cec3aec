package io.staleguard.example.outage;

import java.io.IOException;

import io.staleguard.SessionNotFoundException;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Web;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>The anti-pattern of incident 4, kept on purpose; do not copy it.</b> The dashboard's home-made error handling:
 * whenever the session cannot be loaded, the user counts as signed out: the session cookie is expired, the
 * application forgets the user, and the browser goes to the sign-in page. That is right when the session is really
 * gone, and wrong when the store only failed to answer ({@link StoreUnavailableException}: down, timing out, failing
 * over): then users are signed out by a blip, and their sessions, still intact in the store, are orphaned.
 * <p>
 * Mapped in {@code web.xml} to {@code /incident4/without/*}, in the place {@code StaleSessionFilter} has under
 * {@code /incident4/with/}, which tells the two apart: a 503 with {@code Retry-After} for the blip, nothing cleared;
 * cookie expiry and one {@code SessionEnded} when the session is really gone.
 */
public class SignOutOnAnyError extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(req, res);
        } catch (SessionNotFoundException | StoreUnavailableException e) {
            if (res.isCommitted()) {
                throw e;
            }
            res.reset();
            String ctx = req.getContextPath();
            res.addCookie(Web.cookie(OutageIncident.SESSION_COOKIE, "", OutageIncident.cookiePath(ctx, Mode.WITHOUT),
                    0));
            ExampleApp.of(getServletContext()).storeSessions()
                    .forget(Web.cookieValue(req, OutageIncident.SESSION_COOKIE));
            Web.seeOther(res, OutageIncident.start(ctx, Mode.WITHOUT) + "?signed-out="
                    + (e instanceof StoreUnavailableException ? "unavailable" : "gone"));
        }
    }
}
