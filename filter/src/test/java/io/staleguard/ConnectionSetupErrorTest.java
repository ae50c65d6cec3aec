package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.mock.web.MockFilterConfig;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.testing.Database;
import io.staleguard.testing.RealStores;
import io.staleguard.testing.TestJndi;
import jakarta.servlet.ServletException;

/**
 * Issue 12, item 14 (S3, C3, T1): a data source whose connections can never be set up (TLS mismatch, refused
 * credentials, unknown database, no driver) is a configuration error at {@code checkTable()} and fails the deployment
 * naming the driver setting; an outage (refused socket, full pool, too many connections) stays "unavailable".
 */
@DisplayName("Connection-setup errors that cannot heal are configuration errors (issue 12 item 14)")
class ConnectionSetupErrorTest {

    @AfterEach
    void unbind() {
        TestJndi.uninstall();
    }

    @Test
    @DisplayName("S3 C3 (issue 12 item 14): MariaDB with Connector/J's default TLS fails the deployment naming sslMode")
    void mariaDbDefaultTlsFailsDeploymentNamingSslMode() throws Exception {
        Database.MARIADB.require();
        // The URL the MariaDB tests use, without their sslMode=disable: Connector/J's defaults.
        String url = "jdbc:mariadb://127.0.0.1:" + RealStores.MARIADB.port() + "/test?connectTimeout=5000";
        DataSource plain = driverManager(url, "root");
        IllegalStateException direct = assertThrows(IllegalStateException.class,
                () -> new JdbcSessionStore(plain).checkTable());
        assertTrue(direct.getMessage().startsWith("SG0212 JdbcSessionStore"), direct.getMessage());
        assertTrue(direct.getMessage().contains("sslMode=disable"), direct.getMessage());
        assertTrue(direct.getMessage().contains("ssl not enabled in the server"), direct.getMessage());

        try (HikariDataSource pool = lazyPool(url)) {
            IllegalStateException pooled = assertThrows(IllegalStateException.class,
                    () -> new JdbcSessionStore(pool).checkTable(), "behind HikariCP, whose timeout wraps the cause");
            assertTrue(pooled.getMessage().contains("sslMode=disable"), pooled.getMessage());

            TestJndi.install();
            TestJndi.BINDINGS.put("jdbc/mariadb-defaults", pool);
            RollingApp unstarted = RollingApp.unstarted(null, "rolling", "true", "store", "jdbc:jdbc/mariadb-defaults");
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.stale.init(new MockFilterConfig(unstarted.context, "staleguard")));
            assertTrue(e.getMessage().startsWith("SG0212 Staleguard configuration: context-param 'staleguard.store'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("sslMode=disable"), e.getMessage());
            assertTrue(e.getMessage().contains("For example: store=jdbc:"), e.getMessage());
        }
    }

    @Test
    @DisplayName("S3 (issue 12 item 14): PostgreSQL's unknown database and refused TLS fail checkTable naming the setting")
    void postgresSetupErrorsFailCheckTable() {
        Database.POSTGRES.require();
        String base = "jdbc:postgresql://127.0.0.1:" + RealStores.POSTGRES.port();
        IllegalStateException noDb = assertThrows(IllegalStateException.class,
                () -> new JdbcSessionStore(driverManager(base + "/wt_rolling_no_such_db", "postgres")).checkTable());
        assertTrue(noDb.getMessage().startsWith("SG0214 "), noDb.getMessage());
        assertTrue(noDb.getMessage().contains("database name in the URL"), noDb.getMessage());
        IllegalStateException tls = assertThrows(IllegalStateException.class,
                () -> new JdbcSessionStore(driverManager(base + "/test?sslmode=require", "postgres")).checkTable());
        assertTrue(tls.getMessage().startsWith("SG0212 "), tls.getMessage());
        assertTrue(tls.getMessage().contains("sslmode=disable"), tls.getMessage());
    }

    @Test
    @DisplayName("S3 T1 (issue 12 item 14): connection-setup errors that cannot heal fail checkTable; outages do not")
    void connectionSetupErrorsThatCannotHealFailAtCheckTable() {
        List<Executable> checks = new ArrayList<>();
        configuration(checks, "SG0212", "sslMode=disable", () -> new SQLNonTransientConnectionException("(conn=81) "
                + "Trying to connect with ssl, but ssl not enabled in the server. TLS is enabled by default, set "
                + "sslMode=disable to permit unencrypted connection", "08000"));
        configuration(checks, "SG0212", "sslmode=disable",
                () -> new SQLException("The server does not support SSL.", "08004"));
        configuration(checks, "SG0213", "user and password", () -> new SQLInvalidAuthorizationSpecException(
                "(conn=84) Access denied for user 'app'@'10.0.0.5' (using password: YES)", "28000", 1045));
        configuration(checks, "SG0213", "user and password", () -> new SQLException(
                "FATAL: password authentication failed for user \"app\"", "28P01"));
        configuration(checks, "SG0214", "database name in the URL", () -> new SQLSyntaxErrorException(
                "(conn=83) Unknown database 'app'", "42000", 1049));
        configuration(checks, "SG0214", "database name in the URL", () -> new SQLException(
                "FATAL: database \"app\" does not exist", "3D000"));
        configuration(checks, "SG0215", "driver is deployed", () -> new SQLException(
                "No suitable driver found for jdbc:mysql://db:3306/app", "08001"));
        configuration(checks, "SG0212", "sslMode=disable", () -> new SQLTransientConnectionException(
                "wt-pool - Connection is not available, request timed out after 5000ms.", "08000",
                new SQLNonTransientConnectionException("Trying to connect with ssl, but ssl not enabled in the "
                        + "server", "08000")));

        outage(checks, () -> new SQLNonTransientConnectionException("Socket fail to connect to 127.0.0.1:3307 "
                + "[127.0.0.1]. Connection refused", "08000", new ConnectException("Connection refused")));
        outage(checks, () -> new SQLException("Connection to 127.0.0.1:5433 refused. Check that the hostname and "
                + "port are correct and that the postmaster is accepting TCP/IP connections.", "08001",
                new ConnectException("Connection refused")));
        outage(checks, () -> new SQLNonTransientConnectionException("Too many connections", "08004", 1040));
        outage(checks, () -> new SQLException("FATAL: sorry, too many clients already", "53300"));
        outage(checks, () -> new SQLTransientConnectionException(
                "wt-pool - Connection is not available, request timed out after 5000ms.", "08000"));
        outage(checks, () -> new SQLException("SSL error: Connection reset", "08006",
                new java.net.SocketException("Connection reset")));
        assertAll(checks);
    }

    private static void configuration(List<Executable> checks, String id, String named,
            Supplier<SQLException> failure) {
        checks.add(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new JdbcSessionStore(failing(failure)).checkTable(), failure.get().getMessage());
            assertTrue(e.getMessage().startsWith(id + " JdbcSessionStore"), e.getMessage());
            assertTrue(e.getMessage().contains(named), e.getMessage());
            assertInstanceOf(SQLException.class, e.getCause());
        });
    }

    private static void outage(List<Executable> checks, Supplier<SQLException> failure) {
        checks.add(() -> assertThrows(StoreUnavailableException.class,
                () -> new JdbcSessionStore(failing(failure)).checkTable(), failure.get().getMessage()));
    }

    /** A data source whose getConnection throws {@code failure}, as a driver or pool does. */
    private static DataSource failing(Supplier<SQLException> failure) {
        return (DataSource) Proxy.newProxyInstance(ConnectionSetupErrorTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw failure.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The simplest data source: the driver itself, with the URL as given. */
    private static DataSource driverManager(String url, String user) {
        return (DataSource) Proxy.newProxyInstance(ConnectionSetupErrorTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url, user, "");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A HikariCP pool that starts without a connection, as a container's pool does, and gives up after 1 s. */
    private static HikariDataSource lazyPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("root");
        config.setPassword("");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(1_000);
        config.setPoolName("wt_rolling-tls-defaults");
        return new HikariDataSource(config);
    }
}
