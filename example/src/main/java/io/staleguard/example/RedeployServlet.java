package io.staleguard.example;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Simulate a redeploy": forgets every interaction, code and session on the server and leaves the browser's cookies
 * alone, which is the state the incidents start from. The page's script asks for JSON and shows the message; a plain
 * form post gets 204, so the browser stays on the page it was on either way.
 */
@WebServlet("/redeploy")
public class RedeployServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ExampleApp.Wiped wiped = ExampleApp.of(getServletContext()).redeploy();
        resp.setHeader("Cache-Control", "no-store");
        String accept = req.getHeader("Accept");
        if (accept == null || !accept.contains("application/json")) {
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        String message = "Redeployed: the server forgot " + plural(wiped.interactions(), "interaction") + " and "
                + plural(wiped.sessions(), "session") + "; your browser kept its cookies.";
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write("{\"interactions\":" + wiped.interactions() + ",\"sessions\":" + wiped.sessions()
                + ",\"message\":\"" + message + "\"}");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
