package io.staleguard.it.cdi.faces;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Whether Faces went on to render the view after a form post to {@code consent.xhtml}: after a recovery it must not
 * (the interceptor completes the Faces request), or it writes over a response that is already on the wire. The
 * browser has its answer before the request is over, so the test asks {@code GET /test/faces-render}, which waits for
 * the next post to finish and says {@code rendered} or {@code not rendered}.
 */
public final class RenderProbe {

    private static final BlockingQueue<Boolean> POSTS = new LinkedBlockingQueue<>();
    private static final String RENDERED = RenderProbe.class.getName() + ".rendered";

    private RenderProbe() {
    }

    /** Marks the request when Faces starts rendering it; registered in {@code faces-config.xml}. */
    public static class Phases implements PhaseListener {

        private static final long serialVersionUID = 1L;

        @Override
        public PhaseId getPhaseId() {
            return PhaseId.RENDER_RESPONSE;
        }

        @Override
        public void beforePhase(PhaseEvent event) {
            ((HttpServletRequest) event.getFacesContext().getExternalContext().getRequest())
                    .setAttribute(RENDERED, Boolean.TRUE);
        }

        @Override
        public void afterPhase(PhaseEvent event) {
        }
    }

    /** Records each finished post to the page, once everything (Faces, filters) is done with it. */
    @WebListener
    public static class Requests implements ServletRequestListener {

        @Override
        public void requestDestroyed(ServletRequestEvent event) {
            if (event.getServletRequest() instanceof HttpServletRequest request && "POST".equals(request.getMethod())
                    && request.getRequestURI().endsWith("/consent.xhtml")) {
                POSTS.add(request.getAttribute(RENDERED) != null);
            }
        }
    }

    @WebServlet("/test/faces-render")
    public static class Endpoint extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Boolean rendered;
            try {
                rendered = POSTS.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rendered = null;
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(rendered == null ? "no post finished" : rendered ? "rendered" : "not rendered");
        }
    }
}
