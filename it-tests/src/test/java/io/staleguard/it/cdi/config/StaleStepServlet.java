package io.staleguard.it.cdi.config;

import java.io.IOException;

import io.staleguard.it.cdi.Consents;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /consent}: a consent step with no {@code @Interaction}, so a stale session restarts where the
 * configuration says ({@code restart-url}, B5): that is what these tests read.
 */
@WebServlet("/consent")
public class StaleStepServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Consents consents;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("consented: " + consents.require());
    }
}
