package io.staleguard.it.cdi;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.staleguard.SessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * E1 as applications receive it with staleguard-cdi: an {@code @Observes SessionEnded} method on an application bean.
 * In-container tests inject this bean; client tests read {@code GET /test/cdi-events} (the format of
 * {@link io.staleguard.it.support.EventLogServlet}).
 */
@ApplicationScoped
public class EndedSessions {

    private final List<SessionEnded> events = new CopyOnWriteArrayList<>();

    void record(@Observes SessionEnded ended) {
        events.add(ended);
    }

    public List<SessionEnded> all() {
        return List.copyOf(events);
    }

    @WebServlet("/test/cdi-events")
    public static class Endpoint extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Inject
        EndedSessions ended;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            PrintWriter out = resp.getWriter();
            for (SessionEnded e : ended.all()) {
                out.print(e.reason() + "\t" + e.requestPath() + "\t" + e.sessionIdHash() + "\n");
            }
        }
    }
}
