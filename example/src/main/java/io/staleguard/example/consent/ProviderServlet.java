package io.staleguard.example.consent;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.staleguard.SessionEnded;
import io.staleguard.SessionNotFoundException;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Page;
import io.staleguard.example.Web;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The demo OpenID provider of incident 1, reduced to what the incident needs: {@code GET /authorize} starts an
 * interaction (a record in {@link Interactions}, an {@code HttpSession} and an {@code _interaction} cookie scoped to
 * {@code /interaction}), then a login page, a consent page, and {@code POST /interaction/{uid}/confirm}, which issues
 * the authorization code.
 * <p>
 * When the interaction or the session behind the browser's cookies is gone, it does what the provider in the incident
 * did: it throws. It throws {@link SessionNotFoundException}, which is all an application has to do for Staleguard.
 * Under {@code /incident1/with/} the filter turns that into a fresh start; under {@code /incident1/without/} the
 * provider answers 400 "session not found" itself, as the incident's provider did.
 */
@WebServlet(urlPatterns = {ConsentIncident.PATH + "/with/*", ConsentIncident.PATH + "/without/*"})
public class ProviderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern INTERACTION = Pattern.compile("/interaction/([A-Za-z0-9_-]{1,64})(/login|/confirm)?");
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final String SESSION_INTERACTION = "interaction.";
    private static final String SESSION_ACCOUNT = "account";
    /** How recent a recovery must be for the restarted flow to mention it. */
    private static final Duration HEALED_NOTICE = Duration.ofSeconds(30);

    /**
     * Without Staleguard, the dead end is answered here rather than by the container's error page: the outcome is the
     * same 400, but an exception that reaches the container is also logged with its stack trace (Undertow's
     * UT005023), which would bury the server's console under traces for an outcome the tour expects.
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            super.service(req, resp);
        } catch (SessionNotFoundException e) {
            Mode mode = Mode.of(req);
            if (mode == Mode.WITH || resp.isCommitted()) {
                throw e;
            }
            resp.resetBuffer();
            sessionNotFoundPage(req, resp, mode);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/authorize")) {
            authorize(req, resp, mode);
            return;
        }
        Matcher m = INTERACTION.matcher(path);
        if (m.matches() && m.group(2) == null) {
            Interaction i = load(req, mode, m.group(1));
            if (i.account() == null) {
                loginPage(req, resp, i, null);
            } else {
                consentPage(req, resp, i);
            }
            return;
        }
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req);
        Matcher m = INTERACTION.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!m.matches() || m.group(2) == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Interaction i = load(req, mode, m.group(1));
        if (m.group(2).equals("/login")) {
            login(req, resp, i);
        } else {
            confirm(req, resp, i);
        }
    }

    private void authorize(HttpServletRequest req, HttpServletResponse resp, Mode mode) throws IOException {
        String ctx = req.getContextPath();
        String clientId = req.getParameter("client_id");
        String state = req.getParameter("state");
        String scope = Optional.ofNullable(req.getParameter("scope")).orElse("openid");
        String problem = null;
        if (!ConsentIncident.CLIENT_ID.equals(clientId)) {
            problem = "unknown client_id";
        } else if (!"code".equals(req.getParameter("response_type"))) {
            problem = "response_type must be code";
        } else if (!(ctx + ConsentIncident.CALLBACK).equals(req.getParameter("redirect_uri"))) {
            problem = "redirect_uri is not registered for this client";
        } else if (state == null || !STATE.matcher(state).matches()) {
            problem = "state is missing or malformed";
        }
        if (problem != null) {
            providerError(req, resp, mode, "invalid_request: " + problem, "",
                    "<p>The authorization request was not one the demo client sends.</p>", null);
            return;
        }
        ExampleApp app = ExampleApp.of(getServletContext());
        SessionEnded healed = app.events()
                .claimRecent(ConsentIncident.base(ctx, mode) + "/", HEALED_NOTICE).orElse(null);
        Interaction i = app.interactions().start(mode, clientId, scope, state, healed);
        req.getSession(true).setAttribute(SESSION_INTERACTION + i.uid(), Boolean.TRUE);
        resp.addCookie(Web.cookie(ConsentIncident.INTERACTION_COOKIE, i.uid(),
                ConsentIncident.interactionCookiePath(ctx, mode), -1));
        Web.seeOther(resp, ConsentIncident.base(ctx, mode) + "/interaction/" + i.uid());
    }

    /**
     * The lookup every interaction step starts with, and where a stale browser fails: the interaction must exist on
     * this server, the {@code _interaction} cookie must name it and the {@code HttpSession} must hold it.
     */
    private Interaction load(HttpServletRequest req, Mode mode, String uid) {
        Interaction i = ExampleApp.of(getServletContext()).interactions().find(uid);
        if (i == null || i.mode() != mode
                || !uid.equals(Web.cookieValue(req, ConsentIncident.INTERACTION_COOKIE))) {
            throw new SessionNotFoundException("interaction not found");
        }
        HttpSession session = req.getSession(false);
        if (session == null || session.getAttribute(SESSION_INTERACTION + uid) == null
                || (i.account() != null && !i.account().equals(session.getAttribute(SESSION_ACCOUNT)))) {
            throw new SessionNotFoundException("session not found");
        }
        return i;
    }

    private void login(HttpServletRequest req, HttpServletResponse resp, Interaction i) throws IOException {
        String who = Optional.ofNullable(req.getParameter("login")).orElse("").trim();
        if (who.isEmpty() || who.length() > 40) {
            loginPage(req, resp, i, "Enter a user name of 1 to 40 characters.");
            return;
        }
        req.getSession().setAttribute(SESSION_ACCOUNT, who);
        ExampleApp.of(getServletContext()).interactions().signIn(i, who);
        Web.seeOther(resp, interactionUrl(req, i));
    }

    private void confirm(HttpServletRequest req, HttpServletResponse resp, Interaction i) throws IOException {
        if (i.account() == null) {
            Web.seeOther(resp, interactionUrl(req, i));
            return;
        }
        String ctx = req.getContextPath();
        String code = ExampleApp.of(getServletContext()).interactions().finish(i);
        req.getSession().removeAttribute(SESSION_INTERACTION + i.uid());
        resp.addCookie(Web.cookie(ConsentIncident.INTERACTION_COOKIE, "",
                ConsentIncident.interactionCookiePath(ctx, i.mode()), 0));
        Web.seeOther(resp, ctx + ConsentIncident.CALLBACK + "?code=" + code + "&state="
                + ConsentIncident.encode(i.state()));
    }

    private void loginPage(HttpServletRequest req, HttpServletResponse resp, Interaction i, String error)
            throws IOException {
        String ctx = req.getContextPath();
        Page page = frame(req, i.mode(), "Sign in").redeployButton().html("""
                <section class="card app"><div class="brand">Demo Provider</div>
                <h2>Sign in to continue to %s</h2>%s
                <form method="post" action="%s/login">
                <label for="login">User name</label>
                <input type="text" id="login" name="login" value="alice" autocomplete="username" maxlength="40">
                <p class="next">No password: this provider believes anyone.</p>
                <div class="actions"><button type="submit">Sign in</button></div>
                </form></section>""".formatted(ConsentIncident.CLIENT_NAME,
                error == null ? "" : "<p class=\"mono\" style=\"color:#b91c1c\">" + esc(error) + "</p>",
                esc(interactionUrl(req, i))));
        SessionEnded healed = i.restartedAfter();
        if (healed != null) {
            String where = healed.requestPath().endsWith("/confirm") ? "your “Allow access”"
                    : "the request to <code>" + esc(healed.requestPath()) + "</code>";
            page.explain("healed", "<p>Staleguard saw " + where + " fail with <code>SessionNotFoundException</code> "
                    + esc(ExampleApp.of(getServletContext()).events().age(healed)) + ", expired the stale <code>"
                    + "JSESSIONID</code> and <code>" + ConsentIncident.INTERACTION_COOKIE + "</code> cookies and "
                    + "answered <code>303 See Other</code> to the authorization request this flow started with, so "
                    + "the provider began a fresh interaction.</p>",
                    "sign in again: this time “Allow access” works, and the client gets back the <code>state</code> "
                            + "it started with.");
        } else {
            page.explain("<p>The demo client sent your browser to the provider's <code>/authorize</code>, which "
                    + "started an interaction: a record on the server, an <code>HttpSession</code> and an <code>"
                    + ConsentIncident.INTERACTION_COOKIE + "</code> cookie with <code>Path="
                    + esc(ConsentIncident.interactionCookiePath(ctx, i.mode())) + "</code>.</p>", "sign in.");
        }
        page.send(req, resp);
    }

    private void consentPage(HttpServletRequest req, HttpServletResponse resp, Interaction i) throws IOException {
        frame(req, i.mode(), "Allow access?").redeployButton().html("""
                <section class="card app"><div class="brand">Demo Provider</div>
                <h2>%s wants to access your account</h2>
                <p>Signed in as <strong>%s</strong>. %s asks for <code>%s</code>.</p>
                <form method="post" action="%s/confirm">
                <div class="actions"><button type="submit">Allow access</button></div>
                </form></section>""".formatted(ConsentIncident.CLIENT_NAME, esc(i.account()),
                ConsentIncident.CLIENT_NAME, esc(i.scope()), esc(interactionUrl(req, i))))
                .explain("<p>You signed in: the provider keeps that in your <code>HttpSession</code> and in the "
                        + "interaction record, and now asks for your consent.</p>",
                        "to reproduce the incident, click <strong>Simulate a redeploy</strong> below, then "
                                + "<strong>Allow access</strong>. (Allowing right away just works: nothing is stale "
                                + "yet.)")
                .send(req, resp);
    }

    /**
     * What the container's error page shows when {@link SessionNotFoundException} escapes: the incident's 400, the
     * one the provider answered with. Only the URL space without Staleguard gets here.
     */
    public static void sessionNotFoundPage(HttpServletRequest req, HttpServletResponse resp, Mode mode)
            throws IOException {
        providerError(req, resp, mode, "invalid_request: session not found", "stuck", "<p>Your browser's <code>"
                + "JSESSIONID</code> and <code>" + ConsentIncident.INTERACTION_COOKIE + "</code> cookies point to a "
                + "session and an interaction the redeployed server no longer has, so the provider answered 400: the "
                + "incident's dead end, where the provider's page offers no way forward and the browser keeps the "
                + "stale cookies.</p>",
                mode == Mode.WITH ? null : "run the same steps <a href=\""
                        + esc(ConsentIncident.clientStart(req.getContextPath(), Mode.WITH))
                        + "\">with Staleguard</a>.");
    }

    private static void providerError(HttpServletRequest req, HttpServletResponse resp, Mode mode, String error,
            String style, String explanation, String next) throws IOException {
        frame(req, mode, "Sign-in failed").html("""
                <section class="card app error"><div class="brand">Demo Provider</div>
                <h2>400 Bad Request</h2><p class="mono">%s</p></section>""".formatted(esc(error)))
                .explain(style, explanation, next)
                .send(req, resp, HttpServletResponse.SC_BAD_REQUEST);
    }

    /** The tour's frame around every provider page of {@code mode}. */
    static Page frame(HttpServletRequest req, Mode mode, String title) {
        return Page.titled(title).crumb(ConsentIncident.CRUMB).mode(mode).showCookies()
                .footerLink(ConsentIncident.clientStart(req.getContextPath(), mode), "Start this flow again")
                .footerLink(ConsentIncident.clientStart(req.getContextPath(), mode.other()),
                        "Run it " + mode.other().phrase());
    }

    private static String interactionUrl(HttpServletRequest req, Interaction i) {
        return ConsentIncident.base(req.getContextPath(), i.mode()) + "/interaction/" + i.uid();
    }
}
