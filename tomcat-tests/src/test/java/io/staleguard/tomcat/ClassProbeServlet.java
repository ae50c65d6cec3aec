package io.staleguard.tomcat;

import java.io.IOException;
import java.security.CodeSource;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /test/class?name=…}: whether the application's class loader can load the class, and from where:
 * {@code absent}, or the location of the jar or directory it came from.
 */
@WebServlet("/test/class")
public class ClassProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        String name = req.getParameter("name");
        String answer;
        try {
            Class<?> type = Class.forName(name, false, getServletContext().getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            answer = source == null || source.getLocation() == null ? "bootstrap" : source.getLocation().toString();
        } catch (ClassNotFoundException | LinkageError e) {
            answer = "absent";
        }
        resp.getWriter().write(answer);
    }
}
