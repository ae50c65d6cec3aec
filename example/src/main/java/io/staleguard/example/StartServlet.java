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
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The tour's start page: one card per incident, each with a "without Staleguard" and a "with Staleguard" button, the
 * Staleguard configuration in effect for it, and the {@link io.staleguard.SessionEnded} events seen so far.
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
     * @param story what went wrong, in the incident's own terms (HTML)
     * @param steps what to click (HTML, one item each)
     * @param filterName the name of its {@code StaleSessionFilter} registration in web.xml
     * @param start where each mode starts, by {@link Mode}: {@code start.apply(contextPath, mode)}
     */
    record Stop(int number, String title, String story, List<String> steps, String filterName,
            BiFunction<String, Mode, String> start) {
    }

    private static final List<Stop> TOUR = List.of(
            new Stop(1, ConsentIncident.TITLE,
                    "An OpenID provider is redeployed (or rotates its cookie keys). A browser that still holds the old "
                            + "session and interaction cookies signs in, reaches “Allow access”, and the final confirm "
                            + "fails with 400 “session not found”. The user is stuck until they clear the site's data.",
                    List.of("Start the flow: the demo client sends you to the provider, and you sign in as anyone.",
                            "On the consent page, click <strong>Simulate a redeploy</strong>: the server forgets "
                                    + "every interaction and session, your browser keeps its cookies.",
                            "Click <strong>Allow access</strong>."),
                    "staleguard-incident1", ConsentIncident::clientStart));

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        Page page = Page.titled("Stale sessions that heal themselves").html("""
                <p>Each stop of this tour replays a real, public incident twice on the same application code: once
                under <code>…/without/…</code>, where no Staleguard filter is mapped, and once under
                <code>…/with/…</code>, where <code>WEB-INF/web.xml</code> maps a configured
                <code>StaleSessionFilter</code>. The application only throws <code>SessionNotFoundException</code>
                when it cannot find a session; what the user sees next is up to Staleguard.</p>""");
        for (Stop stop : TOUR) {
            page.html(card(req, ctx, stop));
        }
        page.html(events(ctx, ExampleApp.of(getServletContext()).events())).send(req, resp);
    }

    private String card(HttpServletRequest req, String ctx, Stop stop) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<section class=\"card\"><h2>").append(stop.number()).append(" · ").append(esc(stop.title()))
                .append("</h2><p>").append(stop.story()).append("</p><ol>");
        for (String step : stop.steps()) {
            b.append("<li>").append(step).append("</li>");
        }
        b.append("</ol><div class=\"actions\">");
        for (Mode mode : Mode.values()) {
            b.append("<a class=\"button ").append(mode.segment()).append("\" href=\"")
                    .append(esc(stop.start().apply(ctx, mode))).append("\">Run it ")
                    .append(mode.phrase()).append("</a>");
        }
        b.append("</div>").append(configuration(stop.filterName())).append("</section>");
        return b.toString();
    }

    /** The configuration as the container registered it, so what the page shows is what runs. */
    private String configuration(String filterName) {
        FilterRegistration registration = getServletContext().getFilterRegistration(filterName);
        if (registration == null) {
            return "<p class=\"next\">No Staleguard filter named <code>" + esc(filterName) + "</code> is registered."
                    + "</p>";
        }
        StringBuilder b = new StringBuilder("<details><summary>Staleguard configuration for <code>")
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
