package io.staleguard.example;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Simulate a redeploy": forgets every interaction, code and session on the server and leaves the browser's cookies
 * alone, which is the state the incidents start from. The page's script asks for JSON and shows the message in place;
 * a plain form post (no JavaScript) gets a page with the same message and a link back to the page it came from.
 */
@WebServlet("/redeploy")
public class RedeployServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ExampleApp.Wiped wiped = ExampleApp.of(getServletContext()).redeploy();
        resp.setHeader("Cache-Control", "no-store");
        String message = "Redeployed: the server forgot " + plural(wiped.interactions(), "interaction") + " and "
                + plural(wiped.sessions(), "session") + "; your browser kept its cookies.";
        String accept = req.getHeader("Accept");
        if (accept == null || !accept.contains("application/json")) {
            String back = back(req);
            Page.titled("Redeployed")
                    .explain("<p>" + Page.esc(message) + "</p>", "<a href=\"" + Page.esc(back)
                            + "\">go back to the page you were on</a> and carry on from there, as if nothing had happened.")
                    .send(req, resp);
            return;
        }
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write("{\"interactions\":" + wiped.interactions() + ",\"sessions\":" + wiped.sessions()
                + ",\"message\":\"" + message + "\"}");
    }

    /**
     * Where the "back" link goes: the form's {@code back} field when it is a path inside this application (never
     * another origin: no scheme, no {@code //} or backslash, no control characters), else the tour's start.
     */
    static String back(HttpServletRequest req) {
        String ctx = req.getContextPath();
        String back = req.getParameter("back");
        if (back == null || !back.startsWith(ctx + "/") || back.contains("//") || back.contains("\\")
                || back.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return ctx + "/";
        }
        return back;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
