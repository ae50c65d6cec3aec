package io.staleguard.it.sso;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/docs?n=…}: one of the signed-in user's documents, as JSON. */
@WebServlet("/api/docs")
public class DocsApi extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = (String) request.getSession().getAttribute(SsoApp.USER_ATTRIBUTE);
        String n = request.getParameter("n");
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"user\":\"" + user + "\",\"doc\":" + (n != null && n.matches("\\d{1,4}") ? n : 0)
                + "}");
    }
}
