package io.staleguard.it.cdi.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /interaction/page}: a page on an {@code interaction-paths} URL; counts the requests that reach it. */
@WebServlet("/interaction/page")
public class InteractionPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("calls: " + CALLS.incrementAndGet());
    }
}
