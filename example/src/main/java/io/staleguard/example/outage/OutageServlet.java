package io.staleguard.example.outage;

import static io.staleguard.example.Page.esc;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.staleguard.example.ExampleApp;
import io.staleguard.example.Page;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding:</b> the store outage switch. {@code POST /incident4/outage} with {@code action=start} makes
 * every call to the example's session store fail with {@code StoreUnavailableException} for
 * {@link OutageIncident#OUTAGE} (or until {@code action=end}); the records stay as they are. A form post that starts
 * an outage lands on this servlet's page, which says what is down and links back to {@code back} (the dashboard);
 * one that ends it goes straight back. A script asking for JSON gets JSON.
 */
@WebServlet(OutageIncident.PATH + "/outage")
public class OutageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        OutageSwitchStore store = ExampleApp.of(getServletContext()).store();
        String action = req.getParameter("action");
        if ("start".equals(action)) {
            store.startOutage(OutageIncident.OUTAGE);
        } else if ("end".equals(action)) {
            store.endOutage();
        } else {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "action must be start or end");
            return;
        }
        if (Web.wantsJson(req)) {
            Web.json(resp, HttpServletResponse.SC_OK, "{\"down\":" + store.isDown() + "}");
            return;
        }
        String ctx = req.getContextPath();
        String back = Web.localPath(req.getParameter("back"), ctx + "/", ctx + "/");
        Web.seeOther(resp, store.isDown() ? ctx + OutageIncident.PATH + "/outage?back="
                + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8) : back);
    }

    /** The page between starting an outage and looking at the dashboard again. */
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        OutageSwitchStore store = ExampleApp.of(getServletContext()).store();
        String back = Web.localPath(req.getParameter("back"), ctx + "/", ctx + "/");
        Page page = Page.titled("Store outage").crumb(OutageIncident.CRUMB);
        if (store.isDown()) {
            page.explain("<p>The session store now fails every call with <code>StoreUnavailableException</code>, as a "
                    + "store that is down, timing out or failing over does. Every session record is still there. It "
                    + "comes back by itself at " + TIME.format(store.lastOutage().orElseThrow().until()) + ".</p>",
                    "<a href=\"" + esc(back) + "\">open the page you came from</a> and see what the application makes "
                            + "of it; after the outage, open it again.");
        } else {
            page.explain("<p>The session store is up.</p>", "<a href=\"" + esc(back) + "\">go back</a>.");
        }
        page.html(DashboardServlet.panel(ctx, store, back, null)).send(req, resp);
    }
}
