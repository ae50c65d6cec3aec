package io.staleguard.it.rolling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.staleguard.testing.RealStores;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * PostgreSQL for a test class that deploys the {@link RollingApp.Store#POSTGRES} application. Register it before
 * {@code ArquillianExtension}, so that it acts before the deployment and after the undeployment:
 * <ul>
 * <li>{@link RealStores}' rule: when PostgreSQL does not answer, the class fails when {@code CI} is set and is skipped
 * (never deployed) elsewhere, with a message saying how to run it;</li>
 * <li>the README's session table, created in a schema of its own ({@value #SCHEMA}: the database is shared with
 * other test runs) before the deployment, whose start-up check needs it, and dropped after.</li>
 * </ul>
 * The application's data source selects the schema with pgjdbc's {@code currentSchema}, so Staleguard uses the
 * default table name, as {@code store=jdbc:…} does. Registered by class, it uses {@value #SCHEMA}; another suite that
 * shares the database registers an instance with a schema of its own ({@code @RegisterExtension}).
 */
public final class PostgresSessions implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    static final String SCHEMA = "wt_rolling_it_sessions";
    private static final PostgresSessions DEFAULT = new PostgresSessions(SCHEMA);
    /** {@code -Dstaleguard.it.postgres-port=N}: another server, or a dead port to see the skip and the CI failure. */
    static final int PORT = Integer.getInteger("staleguard.it.postgres-port", RealStores.POSTGRES.port());
    static final String URL = "jdbc:postgresql://" + RealStores.POSTGRES.host() + ":" + PORT + "/test";
    static final String USER = "postgres";
    /** Any non-empty value: the test server authenticates local connections by trust, not by password. */
    static final String TRUSTED_PASSWORD = "trust";

    private final String schema;
    private final String table;

    /** With the schema {@value #SCHEMA}. */
    public PostgresSessions() {
        this(SCHEMA);
    }

    /** @param schema created before the test class and dropped after it, with the session table in it */
    public PostgresSessions(String schema) {
        this.schema = schema;
        this.table = schema + ".staleguard_session";
    }

    public String schema() {
        return schema;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            // Fails (AssertionFailedError) on CI: a condition that throws fails the class instead of skipping it.
            RealStores.require(new RealStores.Server(RealStores.POSTGRES.name(), RealStores.POSTGRES.host(), PORT,
                    RealStores.POSTGRES.howToRun()));
            return ConditionEvaluationResult.enabled(RealStores.POSTGRES.name() + " is running");
        } catch (TestAbortedException skip) {
            return ConditionEvaluationResult.disabled(skip.getMessage());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            SessionTable.create(c, table);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** @return how many rows the table in {@value #SCHEMA} holds for {@code id}, expired or not */
    static int rows(String id) throws SQLException {
        return DEFAULT.rowsOf(id);
    }

    /** @return how many rows this instance's table holds for {@code id}, expired or not */
    public int rowsOf(String id) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * The application's data source: a web.xml {@code <data-source>} (Jakarta EE's portable definition), which WildFly
     * turns into a pooled data source backed by the driver class in the application's own {@code WEB-INF/lib}.
     */
    static String dataSourceXml(String jndiName, String schema) {
        // WildFly wants a DataSource class here, not a java.sql.Driver (WFLYJCA0117).
        return "    <data-source>\n"
                + "        <name>" + jndiName + "</name>\n"
                + "        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>\n"
                // The schema goes in the URL: Payara does not pass a <property> named currentSchema on to the
                // data source (the table is then not found), WildFly and Payara both honour the URL's parameters.
                + "        <url>" + URL + "?currentSchema=" + schema + "</url>\n"
                + "        <user>" + USER + "</user>\n"
                // Not empty: Payara refuses a data source with a user and an empty password before it even connects
                // (RAR5117 "No password credential found"). The test server trusts local connections and ignores it.
                + "        <password>" + TRUSTED_PASSWORD + "</password>\n"
                + "        <max-pool-size>20</max-pool-size>\n"
                + "    </data-source>\n";
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }
}
