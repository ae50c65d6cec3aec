package io.staleguard.it.rolling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The README's session table (PostgreSQL and H2 share the DDL), created when the application starts in the server's
 * default data source, {@code java:comp/DefaultDataSource} (Jakarta EE's portable name for it: WildFly's in-memory H2
 * {@code ExampleDS}, Payara's embedded H2 {@code jdbc/__default}), which only the server can reach. Created if missing
 * and never dropped:
 * the H2 applications of this package share it, and it lives as long as the server.
 */
@WebListener
public class SessionTable implements ServletContextListener {

    static final String DEFAULT_DS = "java:comp/DefaultDataSource";

    @Resource(lookup = DEFAULT_DS)
    private DataSource exampleDs;

    /** The README's DDL, for {@code table} (optionally schema-qualified), idempotent. */
    static List<String> ddl(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (\n"
                + "    id                  VARCHAR(255) NOT NULL PRIMARY KEY,\n"
                + "    created_at          BIGINT       NOT NULL,\n"
                + "    expires_at          BIGINT       NOT NULL,\n"
                + "    absolute_expires_at BIGINT       NOT NULL\n"
                + ")",
                "CREATE INDEX IF NOT EXISTS staleguard_session_expires ON " + table + " (expires_at)");
    }

    static void create(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : ddl(table)) {
                s.execute(sql);
            }
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try (Connection c = exampleDs.getConnection()) {
            create(c, "staleguard_session");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the session table in " + DEFAULT_DS, e);
        }
    }
}
