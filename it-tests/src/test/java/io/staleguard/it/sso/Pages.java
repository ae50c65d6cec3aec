package io.staleguard.it.sso;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The signed-in pages. {@code /home} is the restart target ({@code restart-url}) and counts its loads, so the browser
 * test can tell how often the page navigated there. {@code /spa} is the single-page app: {@code tap.js} (the test's
 * view of the raw responses), then {@code staleguard.js} (unless {@code ?without-staleguard}), then the app's
 * {@code spa.js}.
 */
@WebServlet({"/home", "/spa"})
public class Pages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger HOME_LOADS = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = (String) request.getSession().getAttribute(SsoApp.USER_ATTRIBUTE);
        String signedIn = "<p>Signed in as <b id=\"user\">" + html(user) + "</b></p>";
        if (request.getServletPath().equals("/home")) {
            HOME_LOADS.incrementAndGet();
            pause(Integer.parseInt(getServletContext().getInitParameter(SsoApp.HOME_DELAY_PARAM)));
            page(response, 200, "Home", signedIn);
            return;
        }
        boolean withStaleguard = request.getParameter("without-staleguard") == null;
        page(response, 200, "Documents", signedIn + "\n<ul id=\"toasts\"></ul>\n<script src=\"tap.js\"></script>\n"
                + (withStaleguard ? "<script src=\"staleguard/staleguard.js\"></script>\n" : "")
                + "<script src=\"spa.js\"></script>");
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body><h1>" + title + "</h1>\n" + body + "\n</body></html>\n");
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
