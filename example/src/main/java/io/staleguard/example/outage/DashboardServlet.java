package io.staleguard.example.outage;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.SessionNotFoundException;
import io.staleguard.Staleguard;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Page;
import io.staleguard.example.StoreSessions;
import io.staleguard.example.Web;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo dashboard of incident 4, a server-rendered application whose sessions live in the session store. The same
 * code runs under {@code /incident4/without/} and {@code /incident4/with/}: it loads the session on every page and
 * throws when it cannot, {@link SessionNotFoundException} when the store has no record and whatever the store threw
 * ({@link StoreUnavailableException}) when the store could not answer. What the user sees next is up to the layer in
 * front of it: the application's own {@link SignOutOnAnyError}, or Staleguard's {@code StaleSessionFilter}.
 * <ul>
 * <li>{@code GET /}: the sign-in page without a session cookie, else the dashboard.</li>
 * <li>{@code POST /login}, {@code POST /logout}.</li>
 * <li>{@code POST /end-session}: <b>tour scaffolding</b>, deletes this browser's record from the store, as an
 * expiry or an administrator would: the session is really gone, the cookie stays.</li>
 * </ul>
 */
@WebServlet(urlPatterns = {OutageIncident.PATH + "/with/*", OutageIncident.PATH + "/without/*"})
public class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Duration HEALED_NOTICE = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (!path.equals("/")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String id = Web.cookieValue(req, OutageIncident.SESSION_COOKIE);
        if (id == null || id.isEmpty()) {
            signInPage(req, resp, mode);
            return;
        }
        StoreSessions sessions = sessions();
        // The application's session lookup: a store failure propagates as it is, a missing record is "not found".
        StoredSession record = sessions.store().lookup(id)
                .orElseThrow(() -> new SessionNotFoundException("session not found"));
        StoreSessions.Data data = sessions.data(id)
                .orElseThrow(() -> new SessionNotFoundException("session not found"));
        dashboard(req, resp, mode, data, record);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String ctx = req.getContextPath();
        String id = Web.cookieValue(req, OutageIncident.SESSION_COOKIE);
        switch (req.getPathInfo() == null ? "" : req.getPathInfo()) {
            case "/login" -> {
                String user = Optional.ofNullable(req.getParameter("user")).orElse("").trim();
                String started = sessions().start(OutageIncident.NAME, mode,
                        user.isEmpty() || user.length() > 40 ? "alice" : user);
                resp.addCookie(Web.cookie(OutageIncident.SESSION_COOKIE, started,
                        OutageIncident.cookiePath(ctx, mode), (int) StoreSessions.INACTIVITY.getSeconds()));
            }
            case "/logout" -> {
                if (mode == Mode.WITH) {
                    Staleguard.logout(req, resp);
                } else if (id != null) {
                    sessions().store().delete(id);
                    resp.addCookie(Web.cookie(OutageIncident.SESSION_COOKIE, "", OutageIncident.cookiePath(ctx, mode),
                            0));
                }
                sessions().forget(id);
            }
            case "/end-session" -> {
                if (id != null) {
                    sessions().store().delete(id);
                }
            }
            default -> {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        Web.seeOther(resp, OutageIncident.start(ctx, mode));
    }

    private StoreSessions sessions() {
        return ExampleApp.of(getServletContext()).storeSessions();
    }

    private OutageSwitchStore store() {
        return ExampleApp.of(getServletContext()).store();
    }

    private void dashboard(HttpServletRequest req, HttpServletResponse resp, Mode mode, StoreSessions.Data data,
            StoredSession record) throws IOException {
        String ctx = req.getContextPath();
        String base = OutageIncident.base(ctx, mode);
        Page page = frame(req, mode, "Dashboard").html("<section class=\"card app ok\"><div class=\"brand\">Demo "
                + "Dashboard</div><h2>Signed in as " + esc(data.user()) + "</h2><table class=\"facts\"><tr><th>Session "
                + "record</th><td>live until " + TIME.format(record.expiresAt()) + ", created "
                + TIME.format(record.createdAt()) + "</td></tr>" + storeRows() + "</table><form method=\"post\" "
                + "action=\"" + esc(base) + "/logout\"><div class=\"actions\"><button type=\"submit\" "
                + "class=\"secondary\">Sign out</button></div></form></section>");
        Optional<OutageSwitchStore.Outage> outage = store().lastOutage();
        Instant now = ExampleApp.of(getServletContext()).clock().instant();
        if (outage.isPresent() && record.createdAt().isBefore(outage.get().from())
                && outage.get().until().isAfter(now.minus(Duration.ofMinutes(2)))) {
            OutageSwitchStore.Outage o = outage.get();
            page.explain(mode == Mode.WITH ? "healed" : "", "<p>The session store was down for "
                    + Math.max(1, Duration.between(o.from(), o.until()).toSeconds()) + " s and refused "
                    + o.refused().get() + (o.refused().get() == 1 ? " call. " : " calls. ")
                    + (mode == Mode.WITH ? "Staleguard answered each request that "
                    + "hit it with <code>503</code> and <code>Retry-After</code>, and expired, invalidated and "
                    + "deleted nothing: the same session continues." : "") + "</p>",
                    "end your session on the server to see the other half: a session that really is gone.");
        } else {
            page.explain("<p>You are signed in: the dashboard keeps your session in the session store and loads it "
                    + "on every page.</p>", "start a store outage below, then open this page again.");
        }
        page.html(panel(ctx, store(), req.getRequestURI(), "<form method=\"post\" action=\"" + esc(base)
                + "/end-session\"><button type=\"submit\">End my session on the server</button></form>"))
                .send(req, resp);
    }

    private void signInPage(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String ctx = req.getContextPath();
        Page page = frame(req, mode, "Sign in").html("<section class=\"card app\"><div class=\"brand\">Demo "
                + "Dashboard</div><h2>Sign in</h2><form method=\"post\" action=\"" + esc(OutageIncident.base(ctx, mode))
                + "/login\"><label for=\"user\">User name</label><input type=\"text\" id=\"user\" name=\"user\" "
                + "value=\"alice\" maxlength=\"40\"><div class=\"actions\"><button type=\"submit\">Sign in</button>"
                + "</div></form><table class=\"facts\">" + storeRows() + "<tr><th>Live records of this demo</th><td>"
                + liveRecords(mode) + "</td></tr></table></section>");
        String signedOut = req.getParameter("signed-out");
        SessionEnded healed = mode == Mode.WITH ? ExampleApp.of(getServletContext()).events()
                .claimRecent(OutageIncident.base(ctx, mode) + "/", HEALED_NOTICE)
                .filter(e -> e.reason() == EndReason.NOT_FOUND).orElse(null) : null;
        if (mode == Mode.WITHOUT && "unavailable".equals(signedOut)) {
            page.explain("stuck", "<p>You have been signed out, for nothing: the session store was down, the "
                    + "dashboard's error handling took <code>StoreUnavailableException</code> for “session not "
                    + "found”, expired your <code>" + OutageIncident.SESSION_COOKIE + "</code> cookie and forgot you. "
                    + "Your session record is still in the store, orphaned; when the store is back it is of no "
                    + "use.</p>",
                    "run the same steps <a href=\"" + esc(OutageIncident.start(ctx, Mode.WITH)) + "\">with "
                            + "Staleguard</a>.");
        } else if (mode == Mode.WITHOUT && "gone".equals(signedOut)) {
            page.explain("<p>Your session was really gone from the store, and the dashboard's error handling signed "
                    + "you out: right this time. It is the outage it gets wrong.</p>", "sign in and start a store "
                            + "outage.");
        } else if (healed != null) {
            page.explain("healed", "<p>Your session was really gone from the store. Staleguard expired the <code>"
                    + OutageIncident.SESSION_COOKIE + "</code> cookie in the very response that found it gone, "
                    + "fired one <code>SessionEnded</code> (<code>NOT_FOUND</code>, " + esc(ExampleApp.of(
                    getServletContext()).events().age(healed)) + ") and sent you back here, without the cookie: "
                    + "no loop on a dead cookie.</p>", "sign in again, or go back to the <a href=\"" + esc(ctx)
                            + "/\">tour</a>.");
        } else {
            page.explain("<p>This dashboard keeps its sessions in the session store and loads yours on every page; "
                    + "when it cannot, " + (mode == Mode.WITH ? "Staleguard decides what that means." : "its own "
                    + "error handling signs you out.") + "</p>", "sign in.");
        }
        page.html(panel(ctx, store(), req.getRequestURI(), null)).send(req, resp);
    }

    private String storeRows() {
        OutageSwitchStore store = store();
        return "<tr><th>Session store</th><td>" + esc(store.description()) + ": " + (store.isDown()
                ? "<strong>down</strong> (simulated outage)" : "up") + "</td></tr>";
    }

    private String liveRecords(Mode mode) {
        int n = sessions().liveRecords(OutageIncident.NAME, mode);
        return n < 0 ? "unknown while the store is down" : Integer.toString(n);
    }

    /**
     * The tour's outage panel: the store's state and the switch, plus {@code extraHtml}.
     *
     * @param back the page the switch returns to
     */
    public static String panel(String ctx, OutageSwitchStore store, String back, String extraHtml) {
        String action = store.isDown() ? "end" : "start";
        String label = store.isDown() ? "End the store outage" : "Start a " + OutageIncident.OUTAGE.toSeconds()
                + "-second store outage";
        return "<section class=\"card tools\"><h2>Tour tools</h2><form method=\"post\" action=\""
                + esc(OutageIncident.outageSwitch(ctx)) + "\"><input type=\"hidden\" name=\"action\" value=\"" + action
                + "\"><input type=\"hidden\" name=\"back\" value=\"" + esc(back) + "\"><button type=\"submit\">" + label
                + "</button></form>" + (extraHtml == null ? "" : extraHtml) + "<span>The session store is "
                + (store.isDown() ? "<strong>down</strong>: every call fails with <code>StoreUnavailableException"
                        + "</code>; the records stay as they are." : "up.") + "</span></section>";
    }

    private static Page frame(HttpServletRequest req, Mode mode, String title) {
        String ctx = req.getContextPath();
        return Page.titled(title).crumb(OutageIncident.CRUMB).mode(mode).showCookies()
                .footerLink(OutageIncident.start(ctx, mode), "Dashboard")
                .footerLink(OutageIncident.start(ctx, mode.other()), "Run it " + mode.other().phrase());
    }
}
