package io.staleguard.example.identity;

import java.io.IOException;

import io.staleguard.example.Mode;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding:</b> the proxy panel's button. {@code POST /incident3/proxy} with {@code as=<user>} makes the
 * {@link ProxySimulator} vouch for that user from now on, as when someone signs out of the SSO portal and another
 * person signs in on the same browser. A form post goes back to {@code back} (a page of this incident); a script
 * asking for JSON gets JSON.
 */
@WebServlet(IdentityIncident.PATH + "/proxy")
public class ProxySwitchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("as");
        if (!ProxySimulator.isAcceptable(user)) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "as must be 1 to 80 visible ASCII characters");
            return;
        }
        String ctx = req.getContextPath();
        resp.addCookie(Web.cookie(IdentityIncident.PROXY_COOKIE, ProxySimulator.encode(user),
                ctx + IdentityIncident.PATH, -1));
        if (Web.wantsJson(req)) {
            Web.json(resp, HttpServletResponse.SC_OK, "{\"vouchesFor\":" + Web.quote(user) + "}");
            return;
        }
        Web.seeOther(resp, Web.localPath(req.getParameter("back"), ctx + IdentityIncident.PATH + "/",
                IdentityIncident.start(ctx, Mode.WITH)));
    }
}
