package io.staleguard.example;

import java.io.IOException;

import io.staleguard.SessionEnded;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding:</b> the {@link SessionEnded} events the example's listener received, as JSON, for the
 * {@link Tour} driver: {@code {"total": 3, "events": [{"reason": …, "path": …, "hash": …, "at": …}, …]}}, newest
 * first, the last 20 at most. The start page shows the same list.
 */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EventLog log = ExampleApp.of(getServletContext()).events();
        StringBuilder json;
        synchronized (log) {
            json = new StringBuilder("{\"total\":").append(log.total()).append(",\"events\":[");
            String sep = "";
            for (SessionEnded e : log.recent()) {
                json.append(sep).append("{\"reason\":").append(Web.quote(e.reason().name())).append(",\"path\":")
                        .append(Web.quote(e.requestPath())).append(",\"hash\":").append(Web.quote(e.sessionIdHash()))
                        .append(",\"at\":").append(Web.quote(e.at().toString())).append('}');
                sep = ",";
            }
        }
        Web.json(resp, HttpServletResponse.SC_OK, json.append("]}").toString());
    }
}
