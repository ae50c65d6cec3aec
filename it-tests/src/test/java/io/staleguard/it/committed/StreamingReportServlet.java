package io.staleguard.it.committed;

import java.io.IOException;

import io.staleguard.SessionNotFoundException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /report}: streams the first part of a page, flushes it (the response is now committed: status and headers
 * are on the wire) and only then finds that the session it reports on is gone.
 */
@WebServlet("/report")
public class StreamingReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String FIRST_PART = "<!DOCTYPE html><html><body><h1>Report</h1>";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(FIRST_PART);
        resp.flushBuffer();
        throw new SessionNotFoundException("the session this report reads from is gone");
    }
}
