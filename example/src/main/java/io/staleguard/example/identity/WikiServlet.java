package io.staleguard.example.identity;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Page;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The demo wiki of incident 3, behind the (simulated) SSO proxy. Like the wiki in the incident it signs a browser in
 * once, from the proxy's {@value IdentityIncident#IDENTITY_HEADER}, and from then on trusts its session: its
 * server-rendered pages show the session's user whatever the proxy says now. Its API does compare the session's user
 * with the proxy's on every call, and refuses a mismatch with 401, each call on its own: a single-page app that loads
 * six resources at once gets six errors.
 * <ul>
 * <li>{@code GET /}: the wiki's home page; {@code GET /spa}: its single-page app;
 * {@code GET /api/{me,documents,…}}: the app's data; {@code POST /signout}.</li>
 * </ul>
 * Under {@code /incident3/with/}, Staleguard ({@code identity-header}) sees the mismatch first, on any request: it
 * ends the old user's session and sends a page load back to the same URL, where the wiki signs the new user in; an
 * API call gets a 401 with {@code Session-Restart}, which {@code staleguard.js} turns into one navigation.
 */
@WebServlet(urlPatterns = {IdentityIncident.PATH + "/with/*", IdentityIncident.PATH + "/without/*"})
public class WikiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** How recent Staleguard's identity change must be for a page to mention it. */
    private static final Duration HEALED_NOTICE = Duration.ofSeconds(30);

    private static final String SPA = """
            (function () {
              var root = document.getElementById('spa');
              var base = root.getAttribute('data-base');
              var proxy = root.getAttribute('data-proxy');
              var calls = root.getAttribute('data-calls').split(',');
              var toasts = document.getElementById('toasts');
              var count = document.getElementById('error-count');
              var verdict = document.getElementById('spa-verdict');
              var errors = 0;
              var KEY = 'staleguard-example-errors-before-reload';
              function toast(text) {
                errors++;
                count.textContent = String(errors);
                var d = document.createElement('div');
                d.className = 'toast';
                d.textContent = text;
                toasts.appendChild(d);
              }
              function load() {
                var failedBefore = errors;
                return Promise.all(calls.map(function (c) {
                  var value = document.querySelector('#tile-' + c + ' span');
                  value.textContent = 'loading…';
                  return fetch(base + '/api/' + c, {headers: {'Accept': 'application/json'}, cache: 'no-store'})
                    .then(function (r) {
                      if (!r.ok) { throw new Error('Could not load ' + c + ' (' + r.status + ')'); }
                      return r.json();
                    })
                    .then(function (j) { value.textContent = j.text; },
                          function (e) { value.textContent = '–'; toast(e.message); });
                })).then(function () {
                  var failed = errors - failedBefore;
                  if (failed > 0) {
                    verdict.className = 'verdict bad';
                    verdict.textContent = failed + ' of ' + calls.length + ' calls failed, each on its own: one '
                        + 'error toast per call, and the page is still on the old session.';
                  }
                });
              }
              function switchTo(user) {
                var body = new URLSearchParams();
                body.set('as', user);
                return fetch(proxy, {method: 'POST', headers: {'Accept': 'application/json'}, body: body})
                  .then(function (r) { document.getElementById('proxy-user').textContent = user; return r; });
              }
              window.addEventListener('pagehide', function () {
                if (window.staleguard && window.staleguard.restarting()) {
                  sessionStorage.setItem(KEY, String(errors));
                }
              });
              var before = sessionStorage.getItem(KEY);
              if (before !== null) {
                sessionStorage.removeItem(KEY);
                document.getElementById('reloaded').textContent = 'staleguard.js navigated here once; error toasts '
                    + 'shown before that: ' + before + '.';
              }
              document.querySelectorAll('[data-switch]').forEach(function (b) {
                b.addEventListener('click', function () {
                  switchTo(b.getAttribute('data-switch')).then(load);
                });
              });
              document.getElementById('reload-data').addEventListener('click', load);
              var play = new URLSearchParams(window.location.search).get('play');
              load().then(function () {
                if (play) { return switchTo(play).then(load); }
              });
            })();
            """;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/")) {
            home(req, resp, mode);
        } else if (path.equals("/spa")) {
            spa(req, resp, mode);
        } else if (path.startsWith("/api/") && IdentityIncident.API_CALLS.contains(path.substring(5))) {
            api(req, resp, path.substring(5));
        } else {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        if (!"/signout".equals(req.getPathInfo())) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpSession session = req.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Web.seeOther(resp, IdentityIncident.start(req.getContextPath(), mode));
    }

    /**
     * The wiki's sign-in: the session's user; without a session, the user the proxy vouches for, if the wiki has an
     * account for them (an exact lookup).
     *
     * @return the account, or null when the proxy vouches for someone without an account
     */
    private static IdentityIncident.Account signedIn(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        Object email = session == null ? null : session.getAttribute(IdentityIncident.SESSION_ATTRIBUTE);
        if (email != null) {
            return IdentityIncident.account(email.toString());
        }
        IdentityIncident.Account account = IdentityIncident.account(req.getHeader(IdentityIncident.IDENTITY_HEADER));
        if (account != null) {
            req.getSession(true).setAttribute(IdentityIncident.SESSION_ATTRIBUTE, account.email());
        }
        return account;
    }

    private static boolean matchesProxy(HttpServletRequest req, IdentityIncident.Account account) {
        String claimed = req.getHeader(IdentityIncident.IDENTITY_HEADER);
        return claimed == null || claimed.strip().toLowerCase(Locale.ROOT).equals(account.email());
    }

    private void api(HttpServletRequest req, HttpServletResponse resp, String resource) throws IOException {
        IdentityIncident.Account account = signedIn(req);
        if (account == null) {
            Web.json(resp, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"no wiki account\"}");
            return;
        }
        if (!matchesProxy(req, account)) {
            Web.json(resp, HttpServletResponse.SC_UNAUTHORIZED,
                    "{\"error\":\"authentication required: the session's user is not the one the proxy vouches for\"}");
            return;
        }
        Web.json(resp, HttpServletResponse.SC_OK, "{\"user\":" + Web.quote(account.email()) + ",\"text\":"
                + Web.quote(account.data().get(resource)) + "}");
    }

    private void home(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String ctx = req.getContextPath();
        String claimed = req.getHeader(IdentityIncident.IDENTITY_HEADER);
        IdentityIncident.Account account = signedIn(req);
        SessionEnded healed = healed(req, mode);
        Page page = frame(req, mode, "Wiki");
        if (account == null) {
            noAccount(req, resp, mode, page, claimed, healed);
            return;
        }
        page.html("<section class=\"card app\"><div class=\"brand\">Demo Wiki</div><h2>Signed in as "
                + esc(account.name()) + "</h2>" + facts(claimed, account) + "<p>Your documents: "
                + esc(account.data().get("documents")) + "</p><div class=\"actions\"><a class=\"button\" href=\""
                + esc(IdentityIncident.spa(ctx, mode)) + "\">Open the single-page app</a><form method=\"post\" "
                + "action=\"" + esc(IdentityIncident.base(ctx, mode)) + "/signout\"><button type=\"submit\" "
                + "class=\"secondary\">Sign out of the wiki</button></form></div></section>");
        if (!matchesProxy(req, account)) {
            page.explain("stuck", "<p>The SSO proxy now vouches for <code>" + esc(claimed) + "</code>, but the wiki "
                    + "still serves " + esc(account.name()) + "'s session: whoever sits at this browser now sees "
                    + esc(account.name()) + "'s documents, until someone signs out of the wiki.</p>",
                    "open the single-page app: its API notices the mismatch, once per call. Then run it <a href=\""
                            + esc(IdentityIncident.start(ctx, Mode.WITH)) + "\">with Staleguard</a>.");
        } else if (healed != null) {
            page.explain("healed", "<p>Staleguard saw the proxy vouch for <code>" + esc(claimed) + "</code> while "
                    + "the session belonged to someone else, ended that session " + esc(age(healed)) + " ("
                    + "<code>IDENTITY_CHANGED</code>, <code>JSESSIONID</code> expired) and sent your browser back to "
                    + "this URL, where the wiki signed " + esc(account.name()) + " in.</p>",
                    "switch the proxy to <code>" + IdentityIncident.WILDCARD + "</code>, or open the single-page "
                            + "app and switch there.");
        } else {
            page.explain("<p>The SSO proxy vouches for <code>" + esc(claimed) + "</code>, and the wiki signed that "
                    + "user in with a session of its own.</p>", "switch the proxy to another user below (as when "
                            + "someone signs out of the SSO portal and another person signs in on this browser), "
                            + "then reload this page.");
        }
        page.html(proxyPanel(req)).send(req, resp);
    }

    private void noAccount(HttpServletRequest req, HttpServletResponse resp, Mode mode, Page page, String claimed,
            SessionEnded healed) throws IOException {
        page.html("<section class=\"card app error\"><div class=\"brand\">Demo Wiki</div><h2>403 Forbidden</h2>"
                + "<p>The wiki has no account for <code>" + esc(claimed) + "</code>.</p></section>");
        String exact = "Identities are compared exactly (after trimming and lower-casing): <code>%</code>, "
                + "<code>_</code> and <code>*</code> are ordinary characters, so <code>" + IdentityIncident.WILDCARD
                + "</code> is nobody. In the incident, a LIKE query matched it to every user and signed the "
                + "first one, an admin, in.";
        if (healed != null) {
            page.explain("healed", "<p>Staleguard compared <code>" + esc(claimed) + "</code> with the session's user, "
                    + "found them different and ended that session " + esc(age(healed)) + " (<code>IDENTITY_CHANGED"
                    + "</code>); the wiki then found no account for it. " + exact + "</p>",
                    "switch the proxy back to a real user.");
        } else {
            page.explain("<p>The proxy vouches for <code>" + esc(claimed) + "</code>, which names no account. " + exact
                    + "</p>", "switch the proxy to a real user.");
        }
        page.html(proxyPanel(req)).send(req, resp, HttpServletResponse.SC_FORBIDDEN);
    }

    private void spa(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String ctx = req.getContextPath();
        StringBuilder tiles = new StringBuilder();
        for (String call : IdentityIncident.API_CALLS) {
            tiles.append("<div class=\"tile\" id=\"tile-").append(call).append("\"><b>").append(call)
                    .append("</b><span>…</span></div>");
        }
        Page page = frame(req, mode, "Wiki app").html("<section class=\"card app\" id=\"spa\" data-base=\""
                + esc(IdentityIncident.base(ctx, mode)) + "\" data-proxy=\"" + esc(IdentityIncident.proxySwitch(ctx))
                + "\" data-calls=\"" + String.join(",", IdentityIncident.API_CALLS) + "\"><div class=\"brand\">Demo "
                + "Wiki · single-page app</div><p>Six API calls at start-up, all at once. Error toasts shown: <strong "
                + "id=\"error-count\">0</strong>. <span id=\"reloaded\"></span></p><div class=\"tiles\">" + tiles
                + "</div><div id=\"spa-verdict\" aria-live=\"polite\"></div><div class=\"actions\"><button "
                + "type=\"button\" id=\"reload-data\" class=\"secondary\">Reload data</button></div></section>"
                + "<div class=\"toasts\" id=\"toasts\" aria-live=\"polite\"></div>");
        SessionEnded healed = healed(req, mode);
        if (healed != null) {
            page.explain("healed", "<p>The proxy switched users while this page was open. The first API call after "
                    + "that got Staleguard's <code>401</code> with a <code>Session-Restart</code> header " + esc(age(
                    healed)) + "; <code>staleguard.js</code> held every failed call back (no error toasts) and "
                    + "navigated here once, where the new user is signed in.</p>", "switch again, or go back to "
                            + "the <a href=\"" + esc(IdentityIncident.start(ctx, mode)) + "\">wiki's home page</a>.");
        } else {
            page.explain("<p>The wiki's single-page app loads six resources at once, as such apps do. "
                    + (mode == Mode.WITH ? "This page includes <code>staleguard.js</code>, served by the filter jar."
                            : "It has its own error handling: every failed call shows a toast.") + "</p>",
                    "switch the proxy to another user with the buttons below: the app then reloads its data with "
                            + "the old session and the new proxy user.");
        }
        page.html(proxyPanel(req));
        if (mode == Mode.WITH) {
            page.scriptSrc(ctx + "/staleguard/staleguard.js");
        }
        page.script(SPA).send(req, resp);
    }

    /** The tour's frame around every page of the incident. */
    private static Page frame(HttpServletRequest req, Mode mode, String title) {
        String ctx = req.getContextPath();
        return Page.titled(title).crumb(IdentityIncident.CRUMB).mode(mode).showCookies()
                .footerLink(IdentityIncident.start(ctx, mode), "Wiki home")
                .footerLink(IdentityIncident.spa(ctx, mode), "Single-page app")
                .footerLink(IdentityIncident.start(ctx, mode.other()), "Run it " + mode.other().phrase());
    }

    /** The tour's proxy panel, on every page of the incident. */
    private static String proxyPanel(HttpServletRequest req) {
        String ctx = req.getContextPath();
        String here = req.getRequestURI();
        boolean spa = here.endsWith("/spa");
        StringBuilder tools = new StringBuilder("<section class=\"card tools\"><h2>The SSO proxy (simulated)</h2>"
                + "<span>Vouches for <code id=\"proxy-user\">" + esc(ProxySimulator.vouchesFor(req))
                + "</code>. Switch to:</span>");
        for (String user : IdentityIncident.PROXY_CHOICES) {
            if (spa) {
                tools.append("<button type=\"button\" data-switch=\"").append(esc(user)).append("\">")
                        .append(esc(user)).append("</button>");
            } else {
                tools.append("<form method=\"post\" action=\"").append(esc(IdentityIncident.proxySwitch(ctx)))
                        .append("\"><input type=\"hidden\" name=\"as\" value=\"").append(esc(user))
                        .append("\"><input type=\"hidden\" name=\"back\" value=\"").append(esc(here))
                        .append("\"><button type=\"submit\">").append(esc(user)).append("</button></form>");
            }
        }
        return tools.append("</section>").toString();
    }

    private static String facts(String claimed, IdentityIncident.Account account) {
        return "<table class=\"facts\"><tr><th>The proxy vouches for</th><td><code>" + esc(claimed)
                + "</code></td></tr><tr><th>The wiki's session belongs to</th><td><code>" + esc(account.email())
                + "</code></td></tr>"
                + "</table>";
    }

    /** The identity change Staleguard made on this incident's URL space lately, if no page mentioned it yet. */
    private SessionEnded healed(HttpServletRequest req, Mode mode) {
        if (mode != Mode.WITH) {
            return null;
        }
        return ExampleApp.of(getServletContext()).events()
                .claimRecent(IdentityIncident.base(req.getContextPath(), mode) + "/", HEALED_NOTICE)
                .filter(e -> e.reason() == EndReason.IDENTITY_CHANGED).orElse(null);
    }

    private String age(SessionEnded e) {
        return ExampleApp.of(getServletContext()).events().age(e);
    }
}
