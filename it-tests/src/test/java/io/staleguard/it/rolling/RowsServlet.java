package io.staleguard.it.rolling;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /test/rows?id=…}: how many rows the H2 session table holds for an id, expired or not, read with plain SQL
 * rather than through a store (whose own view is what is under test). The test's window into the in-memory database.
 */
@WebServlet("/test/rows")
public class RowsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = SessionTable.DEFAULT_DS)
    private transient DataSource exampleDs;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        try (Connection c = exampleDs.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM staleguard_session WHERE id = ?")) {
            s.setString(1, req.getParameter("id"));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                resp.setContentType("text/plain");
                resp.setHeader("Cache-Control", "no-store");
                resp.getWriter().write(String.valueOf(r.getInt(1)));
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }
}
