package io.staleguard.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The databases the JDBC store is verified on, with their DDL. Tables are created by the tests under names starting
 * with {@code wt_rolling_}, because other test runs share the PostgreSQL and MariaDB servers.
 */
public enum Database {

    H2(null, "org.h2.Driver", "sa", ""),
    POSTGRES(RealStores.POSTGRES, "org.postgresql.Driver", "postgres", ""),
    MARIADB(RealStores.MARIADB, "org.mariadb.jdbc.Driver", "root", "");

    private final RealStores.Server server;
    private final String driver;
    private final String user;
    private final String password;

    Database(RealStores.Server server, String driver, String user, String password) {
        this.server = server;
        this.driver = driver;
        this.user = user;
        this.password = password;
    }

    /**
     * A table name of this test JVM: {@code base} plus the process id. The PostgreSQL and MariaDB servers are shared
     * by every build on the machine, and two builds creating and dropping one fixed name break each other.
     */
    public static String table(String base) {
        return base + "_" + ProcessHandle.current().pid();
    }

    /** Fails (on CI) or skips (elsewhere) when the server is not running; H2 always runs. */
    public void require() {
        if (server != null) {
            RealStores.require(server);
        }
    }

    public String url(String h2Name) {
        return url(h2Name, server == null ? 0 : server.port());
    }

    /** @param port the port to connect to: the server's, or a proxy's in front of it */
    public String url(String h2Name, int port) {
        return switch (this) {
            // A generous lock timeout: 65 threads on one row must queue, not fail.
            case H2 -> "jdbc:h2:mem:" + h2Name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case POSTGRES -> "jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=5&socketTimeout=30";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:" + port + "/test?sslMode=disable&connectTimeout=5000&socketTimeout=30000";
        };
    }

    /**
     * A HikariCP pool on this database (after {@link #require()}).
     *
     * @param h2Name the in-memory database's name, for H2
     * @param size the pool size
     */
    public HikariDataSource pool(String h2Name, int size) {
        return poolOn(url(h2Name), size);
    }

    /** A HikariCP pool on {@code url}, which may point at a proxy in front of the server. */
    public HikariDataSource poolOn(String url, int size) {
        return new HikariDataSource(config(url, size));
    }

    /** A HikariCP pool like {@link #pool(String, int)} whose connections are not in auto-commit mode. */
    public HikariDataSource nonAutoCommitPool(String h2Name, int size) {
        HikariConfig config = config(url(h2Name), size);
        config.setAutoCommit(false);
        config.setPoolName(config.getPoolName() + "-manual-commit");
        return new HikariDataSource(config);
    }

    private HikariConfig config(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(driver);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(5_000);
        config.setPoolName("wt_rolling-" + name().toLowerCase());
        if (this == POSTGRES) {
            // Per session, not the server's setting: a commit returns before its WAL reaches the disk. Atomicity and
            // isolation, which is all the race depends on, are unchanged; the tests just don't wait for fsync.
            config.setConnectionInitSql("SET synchronous_commit TO off");
        }
        return config;
    }

    /** The README's DDL for the default columns, under another table name. */
    public String ddl(String table) {
        String id = this == MARIADB ? "VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin" : "VARCHAR(255)";
        return "CREATE TABLE " + table + " (\n"
                + "    id                  " + id + " NOT NULL PRIMARY KEY,\n"
                + "    created_at          BIGINT       NOT NULL,\n"
                + "    expires_at          BIGINT       NOT NULL,\n"
                + "    absolute_expires_at BIGINT       NOT NULL\n"
                + ")" + (this == MARIADB ? " ENGINE=InnoDB" : "");
    }

    public String indexDdl(String table) {
        return "CREATE INDEX " + table + "_expires ON " + table + " (expires_at)";
    }

    /** (Re)creates {@code table} with the README's DDL. */
    public void recreate(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(ddl(table));
            s.execute(indexDdl(table));
        }
    }

    public void drop(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** The foils' upsert: writes the row whether or not it exists. Never what the real store does. */
    public String upsertSql(String table) {
        String columns = table + " (id, created_at, expires_at, absolute_expires_at)";
        return switch (this) {
            case H2 -> "MERGE INTO " + columns + " KEY (id) VALUES (?, ?, ?, ?)";
            case POSTGRES -> "INSERT INTO " + columns + " VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at";
            case MARIADB -> "INSERT INTO " + columns + " VALUES (?, ?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE expires_at = VALUES(expires_at)";
        };
    }

    /** @return how many rows {@code table} has for {@code id}, expired or not: the store's own view is not trusted */
    public static int rows(DataSource ds, String table, String id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** @return how many rows {@code table} has */
    public static int rows(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }
}
