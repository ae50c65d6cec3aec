package io.staleguard.it.sso;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /test/home-loads}: how many times {@code /home}, the restart target, was loaded since the deployment
 * started.
 */
@WebServlet("/test/home-loads")
public class HomeLoads extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Integer.toString(Pages.HOME_LOADS.get()));
    }
}
