package io.staleguard.example;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

import io.staleguard.SessionEnded;
import io.staleguard.StaleguardConfig;
import io.staleguard.example.consent.ConsentIncident;
import io.staleguard.example.identity.IdentityIncident;
import io.staleguard.example.outage.DashboardServlet;
import io.staleguard.example.outage.OutageIncident;
import io.staleguard.example.rolling.RollingIncident;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The tour's start page: one card per incident, each with a "without Staleguard" and a "with Staleguard" button and
 * the Staleguard configuration in effect for it; the store outage switch; the {@link io.staleguard.SessionEnded}
 * events seen so far; and how to run the tour driver ({@link Tour}).
 */
@WebServlet("")
public class StartServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * One incident of the tour.
     *
     * @param number its number in the design document
     * @param title its short name
     * @param summary the incident in one sentence (HTML)
     * @param story what went wrong, in the incident's own terms (HTML)
     * @param steps what to click (HTML, one item each)
     * @param filterNames the names of its Staleguard filter registrations in web.xml
     * @param start where each mode starts, by {@link Mode}: {@code start.apply(contextPath, mode)}
     */
    record Stop(int number, String title, String summary, String story, List<String> steps, List<String> filterNames,
            BiFunction<String, Mode, String> start) {
    }

    private static final List<Stop> TOUR = List.of(
            new Stop(1, ConsentIncident.TITLE, "after a redeploy, “Allow access” fails with 400 “session not found”, "
                    + "and fails again on every retry.",
                    "An OpenID provider is redeployed (or rotates its cookie keys). A browser that still holds the old "
                            + "session and interaction cookies signs in, reaches “Allow access”, and the final confirm "
                            + "fails with 400 “session not found”. Clicking again fails the same way, and the provider's page "
                            + "offers no way forward while the browser keeps the stale cookies.",
                    List.of("Start the flow: the demo client sends you to the provider, and you sign in as anyone.",
                            "On the consent page, click <strong>Simulate a redeploy</strong>: the server forgets "
                                    + "every interaction and session, your browser keeps its cookies.",
                            "Click <strong>Allow access</strong>."),
                    List.of("staleguard-incident1"), ConsentIncident::clientStart),
            new Stop(2, RollingIncident.TITLE, "a request still in flight while the user signs out writes the "
                    + "session back, and the user is signed in again.",
                    "An SDK rolls sessions: every request writes the session record again and sends a fresh cookie. "
                            + "Requests still in flight when the user signs out roll it once more, and one that lands "
                            + "after the logout silently brings the session back: the user is still signed in.",
                    List.of("Sign in.", "Click <strong>Run the race</strong>: four slow requests go out, and you "
                            + "sign out while they are in flight.",
                            "Read the verdict: still signed in, or signed out for good."),
                    List.of("staleguard-incident2", "staleguard-incident2-rolling"), RollingIncident::start),
            new Stop(3, IdentityIncident.TITLE, "the SSO proxy vouches for a new user while the application's cookie "
                    + "still says the old one, and its single-page app bursts into error toasts.",
                    "A wiki sits behind a forward-auth SSO proxy that names the signed-in user in <code>"
                            + IdentityIncident.IDENTITY_HEADER + "</code>. Another person signs in at the portal on "
                            + "the same browser: the proxy now vouches for B while the wiki's cookie still says A, "
                            + "and its single-page app greets the switch with a burst of error toasts.",
                    List.of("Open the wiki: the proxy vouches for <code>" + IdentityIncident.DEFAULT_USER
                            + "</code>, and the wiki signs her in.",
                            "Switch the proxy to <code>bob@example.com</code>, on the home page or in the "
                                    + "single-page app.",
                            "Switch it to <code>" + IdentityIncident.WILDCARD + "</code>, the header value that once "
                                    + "matched every user through a LIKE query."),
                    List.of("staleguard-incident3"), IdentityIncident::start),
            new Stop(4, OutageIncident.TITLE, "a store blip signs users out, while a session that is really gone must "
                    + "still get its cookie cleared.",
                    "An auth client took every “session not found” for “signed out”, although a store outage, a "
                            + "timeout or replica lag looks the same: users were signed out by a blip. Yet when a "
                            + "session really is gone, a server-rendered app must still get its cookie cleared and a "
                            + "“signed out” signal, or it loops on a dead cookie.",
                    List.of("Sign in to the dashboard.", "Start a store outage and reload the dashboard; the outage "
                            + "ends by itself after " + OutageIncident.OUTAGE.toSeconds() + " s, then reload again.",
                            "Click <strong>End my session on the server</strong>: now it really is gone."),
                    List.of("staleguard-incident4"), OutageIncident::start));

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        ExampleApp app = ExampleApp.of(getServletContext());
        Page page = Page.titled("Stale sessions that heal themselves").html("""
                <p>Each stop of this tour replays a real, public incident twice on the same application code: once
                under <code>…/without/…</code>, where no Staleguard filter is mapped, and once under
                <code>…/with/…</code>, where <code>WEB-INF/web.xml</code> maps a configured Staleguard filter. The
                applications only throw <code>SessionNotFoundException</code> when they cannot find a session, call
                <code>Staleguard.logout</code> to sign out, and keep sessions in a <code>SessionStore</code>; what
                the user sees next is up to Staleguard.</p>""")
                .html("<p class=\"next\">Session store: " + esc(app.store().description()) + (app.store().isDown()
                        ? ", <strong>down</strong> (simulated outage)" : "") + ". Add <code class=\"nowrap\">-D"
                        + ExampleApp.STORE_PROPERTY + "=h2</code> to the example's <code>mvn</code> command to keep "
                        + "sessions in WildFly's H2 <code>ExampleDS</code> with a <code>JdbcSessionStore</code>.</p>");
        StringBuilder overview = new StringBuilder("<ol class=\"overview\">");
        for (Stop stop : TOUR) {
            overview.append("<li><a href=\"#incident").append(stop.number()).append("\"><strong>")
                    .append(esc(stop.title())).append("</strong></a>: ").append(stop.summary()).append("</li>");
        }
        page.html(overview.append("</ol>").toString());
        for (Stop stop : TOUR) {
            page.html(card(req, ctx, stop));
            if (stop.number() == 4) {
                page.html(DashboardServlet.panel(ctx, app.store(), ctx + "/", null));
            }
        }
        String tourUrl = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + ctx + "/";
        page.html(events(ctx, app.events())).html("<section class=\"card\"><h2>The tour as a table</h2><p>A "
                + "driver plays every incident without and with Staleguard over HTTP, with a cookie jar, and prints "
                + "what the user saw. From the project's directory:</p><p><code>java example/src/main/java/io/"
                + "staleguard/example/Tour.java " + esc(tourUrl) + "</code></p></section>").send(req, resp);
    }

    private String card(HttpServletRequest req, String ctx, Stop stop) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<section class=\"card\" id=\"incident").append(stop.number()).append("\"><h2>")
                .append(stop.number()).append(" · ").append(esc(stop.title())).append("</h2><p>").append(stop.story())
                .append("</p><ol>");
        for (String step : stop.steps()) {
            b.append("<li>").append(step).append("</li>");
        }
        b.append("</ol><div class=\"actions\">");
        for (Mode mode : Mode.values()) {
            b.append("<a class=\"button ").append(mode.segment()).append("\" href=\"")
                    .append(esc(stop.start().apply(ctx, mode))).append("\">Run it ")
                    .append(mode.phrase()).append("</a>");
        }
        b.append("</div>");
        for (String filterName : stop.filterNames()) {
            b.append(configuration(filterName));
        }
        return b.append("</section>").toString();
    }

    /** The configuration as the container registered it, so what the page shows is what runs. */
    private String configuration(String filterName) {
        FilterRegistration registration = getServletContext().getFilterRegistration(filterName);
        if (registration == null) {
            return "<p class=\"next\">No Staleguard filter named <code>" + esc(filterName) + "</code> is registered."
                    + "</p>";
        }
        String className = registration.getClassName();
        StringBuilder b = new StringBuilder("<details><summary><code>")
                .append(esc(className.substring(className.lastIndexOf('.') + 1))).append("</code> on <code>")
                .append(esc(String.join(", ", registration.getUrlPatternMappings())))
                .append("</code> (web.xml)</summary><table>");
        for (Map.Entry<String, String> p : new TreeMap<>(registration.getInitParameters()).entrySet()) {
            String value = StaleguardConfig.RESTART_KEYS.equals(p.getKey()) ? "(set, not shown)" : p.getValue();
            b.append("<tr><th><code>").append(esc(p.getKey())).append("</code></th><td class=\"mono\">")
                    .append(esc(value)).append("</td></tr>");
        }
        return b.append("</table></details>").toString();
    }

    private static String events(String ctx, EventLog log) {
        List<SessionEnded> events = log.recent();
        StringBuilder b = new StringBuilder("<section class=\"card\"><h2>Staleguard events</h2>")
                .append("<p class=\"next\">Every session Staleguard ends fires one <code>SessionEnded</code>; this "
                        + "example listens with a <code>SessionEndedListener</code>.</p>");
        if (events.isEmpty()) {
            return b.append("<p>None yet.</p></section>").toString();
        }
        b.append("<table><tr><th>UTC</th><th>reason</th><th>request</th><th>session id hash</th></tr>");
        for (SessionEnded e : events) {
            b.append("<tr><td>").append(TIME.format(e.at())).append("</td><td>").append(e.reason())
                    .append("</td><td class=\"mono\">").append(esc(e.requestPath().startsWith(ctx + "/")
                    ? e.requestPath().substring(ctx.length()) : e.requestPath())).append("</td><td class=\"mono\">")
                    .append(esc(e.sessionIdHash() == null ? "–" : e.sessionIdHash())).append("</td></tr>");
        }
        return b.append("</table></section>").toString();
    }
}
