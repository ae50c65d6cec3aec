package io.staleguard.example.outage;

import java.io.IOException;

import io.staleguard.example.ExampleApp;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding:</b> the store outage switch. {@code POST /incident4/outage} with {@code action=start} makes
 * every call to the example's session store fail with {@code StoreUnavailableException} for
 * {@link OutageIncident#OUTAGE} (or until {@code action=end}); the records stay as they are. A form post goes back to
 * {@code back} (a page of the example); a script asking for JSON gets JSON.
 */
@WebServlet(OutageIncident.PATH + "/outage")
public class OutageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

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
        Web.seeOther(resp, Web.localPath(req.getParameter("back"), ctx + "/", ctx + "/"));
    }
}
