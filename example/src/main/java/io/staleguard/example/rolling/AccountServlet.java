package io.staleguard.example.rolling;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.staleguard.Staleguard;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Page;
import io.staleguard.example.StoreSessions;
import io.staleguard.example.Web;
import io.staleguard.store.StoredSession;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo application of incident 2: an account page with rolling sessions kept in the session store. The same code
 * runs under {@code /incident2/without/}, where the application's own {@link NaiveRollingFilter} rolls sessions, and
 * under {@code /incident2/with/}, where Staleguard's {@code RollingSessionFilter} does and the sign-out calls
 * {@link Staleguard#logout}.
 * <ul>
 * <li>{@code GET /}: the account page (sign in, sign out, and "Run the race").</li>
 * <li>{@code POST /login}, {@code POST /logout}: sign in and out; a script asking for JSON gets JSON.</li>
 * <li>{@code GET /api/poll?race=T}: a slow request, held in flight until the tour releases race {@code T}
 * ({@link RaceHolds}). These are the requests in flight during the logout.</li>
 * <li>{@code GET /api/me}: whether this browser is signed in, and what the store holds.</li>
 * </ul>
 */
@WebServlet(urlPatterns = {RollingIncident.PATH + "/with/*", RollingIncident.PATH + "/without/*"})
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Duration MAX_POLL = Duration.ofSeconds(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * "Run the race": four slow requests in flight, a sign-out, then the four land, then "am I signed in?". The page
     * releases the requests only once the sign-out has answered, so they land after it every time.
     */
    private static final String RACE = """
            (function () {
              var button = document.getElementById('race');
              if (!button) { return; }
              var base = button.getAttribute('data-base');
              var race = button.getAttribute('data-race');
              var log = document.getElementById('race-log');
              var verdict = document.getElementById('race-verdict');
              var json = {headers: {'Accept': 'application/json'}, cache: 'no-store'};
              var t0 = 0;
              function line(text) {
                var li = document.createElement('li');
                li.textContent = ((performance.now() - t0) / 1000).toFixed(2) + ' s: ' + text;
                log.appendChild(li);
              }
              function held(token, tries) {
                return fetch(race + '?token=' + token, json).then(function (r) { return r.json(); }).then(function (j) {
                  if (j.held >= 4 || tries <= 0) { return j; }
                  return new Promise(function (ok) { setTimeout(ok, 50); })
                    .then(function () { return held(token, tries - 1); });
                });
              }
              button.addEventListener('click', function () {
                var token = Math.random().toString(36).slice(2) + Date.now().toString(36);
                button.disabled = true;
                log.textContent = '';
                verdict.textContent = '';
                verdict.className = 'verdict';
                t0 = performance.now();
                var polls = [1, 2, 3, 4].map(function (n) {
                  line('request ' + n + ' sent; it stays in flight');
                  return fetch(base + '/api/poll?race=' + token + '&n=' + n, json).then(function (r) {
                    line('request ' + n + ' landed: ' + r.status);
                  });
                });
                held(token, 100).then(function () {
                  line('sign out sent');
                  return fetch(base + '/logout', {method: 'POST', headers: {'Accept': 'application/json'}});
                }).then(function (r) {
                  line('sign out answered ' + r.status + ': record deleted, cookie expired');
                  return fetch(race + '?token=' + token, {method: 'POST', headers: {'Accept': 'application/json'}});
                }).then(function () {
                  return Promise.all(polls);
                }).then(function () {
                  return fetch(base + '/api/me', json).then(function (r) { return r.json(); });
                }).then(function (m) {
                  line('am I signed in? ' + (m.signedIn ? 'yes, as ' + m.user : 'no') + '; store record: ' + m.session
                      + '; live records of this demo: ' + m.liveRecords);
                  if (m.signedIn) {
                    verdict.className = 'verdict bad';
                    verdict.textContent = 'Still signed in as ' + m.user + ' after logout: a request that was in '
                        + 'flight saved the session back into the store.';
                  } else {
                    verdict.className = 'verdict good';
                    verdict.textContent = 'Signed out stays signed out: no request brought the session record back.';
                  }
                  // The race has run: the page's "Next: click Run the race" no longer applies.
                  var next = document.querySelector('.explain .next');
                  if (next) {
                    var label = document.createElement('strong');
                    label.textContent = 'Next:';
                    next.textContent = '';
                    next.appendChild(label);
                    next.appendChild(document.createTextNode(' the race has run; reload this page to see what the '
                        + 'server shows for your cookie now.'));
                  }
                  var again = document.createElement('a');
                  again.href = base + '/';
                  again.textContent = 'Reload this page to see what the server shows now.';
                  verdict.appendChild(document.createElement('br'));
                  verdict.appendChild(again);
                  button.disabled = !m.signedIn;
                }).catch(function (e) {
                  verdict.className = 'verdict bad';
                  verdict.textContent = 'The race could not run: ' + e;
                  button.disabled = false;
                });
              });
            })();
            """;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (path) {
            case "/" -> page(req, resp, mode);
            case "/api/me" -> me(req, resp, mode);
            case "/api/poll" -> poll(req, resp);
            default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/login" -> login(req, resp, mode);
            case "/logout" -> logout(req, resp, mode);
            default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private StoreSessions sessions() {
        return ExampleApp.of(getServletContext()).storeSessions();
    }

    private void login(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String user = Optional.ofNullable(req.getParameter("user")).orElse("").trim();
        if (user.isEmpty() || user.length() > 40) {
            user = "alice";
        }
        String id = sessions().start(RollingIncident.NAME, mode, user);
        resp.addCookie(Web.cookie(RollingIncident.SESSION_COOKIE, id,
                RollingIncident.cookiePath(req.getContextPath(), mode), (int) StoreSessions.INACTIVITY.getSeconds()));
        if (Web.wantsJson(req)) {
            Web.json(resp, HttpServletResponse.SC_OK, "{\"signedIn\":true,\"user\":" + Web.quote(user) + "}");
        } else {
            Web.seeOther(resp, RollingIncident.start(req.getContextPath(), mode));
        }
    }

    /**
     * Signing out is the same in both modes: delete the record, expire the cookie, forget the user. With Staleguard,
     * {@link Staleguard#logout} does the first two and also tells {@code RollingSessionFilter} that the id is dead.
     */
    private void logout(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String id = Web.cookieValue(req, RollingIncident.SESSION_COOKIE);
        if (mode == Mode.WITH) {
            Staleguard.logout(req, resp);
        } else if (id != null) {
            sessions().store().delete(id);
            resp.addCookie(Web.cookie(RollingIncident.SESSION_COOKIE, "",
                    RollingIncident.cookiePath(req.getContextPath(), mode), 0));
        }
        sessions().forget(id);
        if (Web.wantsJson(req)) {
            Web.json(resp, HttpServletResponse.SC_OK, "{\"signedIn\":false}");
        } else {
            Web.seeOther(resp, RollingIncident.start(req.getContextPath(), mode));
        }
    }

    /** A slow request: the tour holds it in flight until it releases the race it belongs to (at most 15 s). */
    private void poll(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = Web.cookieValue(req, RollingIncident.SESSION_COOKIE);
        Optional<StoreSessions.Data> data = sessions().data(id);
        String race = req.getParameter("race");
        if (!RaceHolds.isToken(race)) {
            Web.json(resp, HttpServletResponse.SC_BAD_REQUEST, "{\"error\":\"race must be a token\"}");
            return;
        }
        if (data.isEmpty()) {
            Web.json(resp, HttpServletResponse.SC_UNAUTHORIZED, "{\"signedIn\":false}");
            return;
        }
        boolean released;
        try {
            released = ExampleApp.of(getServletContext()).raceHolds().hold(race, MAX_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            released = false;
        }
        Web.json(resp, HttpServletResponse.SC_OK, "{\"startedAs\":" + Web.quote(data.get().user())
                + ",\"released\":" + released + "}");
    }

    private void me(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String id = Web.cookieValue(req, RollingIncident.SESSION_COOKIE);
        StoreSessions.State state = sessions().state(id);
        Optional<StoreSessions.Data> data = sessions().data(id);
        boolean signedIn = state == StoreSessions.State.LIVE && data.isPresent();
        Web.json(resp, HttpServletResponse.SC_OK, "{\"signedIn\":" + signedIn + ",\"user\":"
                + Web.quote(signedIn ? data.get().user() : null) + ",\"session\":"
                + Web.quote(state.name().toLowerCase(java.util.Locale.ROOT)) + ",\"liveRecords\":"
                + sessions().liveRecords(RollingIncident.NAME, mode)
                + "}");
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String ctx = req.getContextPath();
        String base = RollingIncident.base(ctx, mode);
        String id = Web.cookieValue(req, RollingIncident.SESSION_COOKIE);
        StoreSessions sessions = sessions();
        Optional<StoredSession> record = id == null ? Optional.empty() : sessions.store().lookup(id);
        Optional<StoreSessions.Data> data = record.isPresent() ? sessions.data(id) : Optional.empty();
        String roller = mode == Mode.WITH
                ? "Staleguard's <code>RollingSessionFilter</code> extends it with one conditional write that never "
                        + "creates a record (<code>touchIfPresent</code>)"
                : "the application's own roller (<code>NaiveRollingFilter</code>) loads it when a request starts and "
                        + "saves it back when the request ends";

        Page page = Page.titled("Your account").crumb(RollingIncident.CRUMB).mode(mode).showCookies()
                .footerLink(RollingIncident.start(ctx, mode.other()), "Run it " + mode.other().phrase());
        StringBuilder app = new StringBuilder("<section class=\"card app\"><div class=\"brand\">Demo Account</div>");
        if (data.isPresent()) {
            app.append("<h2>Signed in as ").append(esc(data.get().user())).append("</h2>")
                    .append("<form method=\"post\" action=\"").append(esc(base)).append("/logout\">")
                    .append("<div class=\"actions\"><button type=\"submit\" class=\"secondary\">Sign out</button>")
                    .append("</div></form>");
        } else {
            app.append("<h2>Sign in</h2><form method=\"post\" action=\"").append(esc(base)).append("/login\">")
                    .append("<label for=\"user\">User name</label><input type=\"text\" id=\"user\" name=\"user\" ")
                    .append("value=\"alice\" maxlength=\"40\"><p class=\"next\">No password: this demo believes ")
                    .append("anyone.</p><div class=\"actions\"><button type=\"submit\">Sign in</button></div></form>");
        }
        app.append(facts(id, record, sessions.liveRecords(RollingIncident.NAME, mode),
                ExampleApp.of(getServletContext()).store().description())).append("</section>");
        page.html(app.toString());

        if (data.isPresent()) {
            page.explain("<p>You signed in: the application created a record in the session store and set the <code>"
                    + RollingIncident.SESSION_COOKIE + "</code> cookie. Every request rolls the session: " + roller
                    + ".</p>", "click <strong>Run the race</strong>: four slow requests go out, and you sign out while "
                            + "they are in flight, as happens when a page still has calls running.");
            page.html("<section class=\"card tools\"><h2>Tour tools</h2><button type=\"button\" id=\"race\" "
                    + "data-base=\"" + esc(base) + "\" data-race=\"" + esc(ctx + RollingIncident.PATH + "/race")
                    + "\">Run the race</button><span>4 slow requests, a sign-out "
                    + "while they are in flight, then “am I signed in?”</span>"
                    + "<ol id=\"race-log\" class=\"log\"></ol><div id=\"race-verdict\" class=\"verdict\" "
                    + "aria-live=\"polite\"></div></section>");
            page.script(RACE);
        } else if (id != null && record.isEmpty()) {
            page.explain(mode == Mode.WITH ? "healed" : "", "<p>Your browser still sends an <code>"
                    + RollingIncident.SESSION_COOKIE + "</code> cookie, but the store has no record for it, so you "
                    + "are signed out. A response that left the server before your logout can bring the cookie back; "
                    + "it points at nothing, and " + (mode == Mode.WITH ? "Staleguard never answers a gone session "
                    + "with an expiring cookie, because another tab may have signed in meanwhile."
                    : "the next request finds nothing to roll.") + "</p>", "sign in again, or run it "
                    + "<a href=\"" + esc(RollingIncident.start(ctx, mode.other())) + "\">" + mode.other().phrase()
                    + "</a>.");
        } else {
            page.explain("<p>This demo application keeps its sessions in the session store and rolls them on every "
                    + "request: " + roller + ".</p>", "sign in.");
        }
        page.send(req, resp);
    }

    private static String facts(String id, Optional<StoredSession> record, int liveRecords, String store) {
        return "<table class=\"facts\"><tr><th>Session cookie</th><td class=\"mono\">"
                + (id == null ? "none" : RollingIncident.SESSION_COOKIE + " (sent by your browser)")
                + "</td></tr><tr><th>Its record in the store</th><td>"
                + (id == null ? "–" : record.map(r -> "live until " + TIME.format(r.expiresAt())).orElse("none"))
                + "</td></tr><tr><th>Live records of this demo</th><td>" + liveRecords
                + "</td></tr><tr><th>Session store</th><td>" + esc(store) + "</td></tr></table>";
    }
}
