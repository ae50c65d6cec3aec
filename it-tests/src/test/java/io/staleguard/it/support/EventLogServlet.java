package io.staleguard.it.support;

import java.io.IOException;
import java.io.PrintWriter;

import io.staleguard.SessionEnded;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /test/events}: one line per recorded event, {@code reason TAB requestPath TAB sessionIdHash}. */
@WebServlet("/test/events")
public class EventLogServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        PrintWriter out = resp.getWriter();
        for (SessionEnded e : EventLog.EVENTS) {
            out.print(e.reason() + "\t" + e.requestPath() + "\t" + e.sessionIdHash() + "\n");
        }
    }
}
