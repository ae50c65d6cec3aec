package io.staleguard.example;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.staleguard.SessionEndedListener;
import io.staleguard.example.consent.Interactions;
import io.staleguard.example.outage.OutageSwitchStore;
import io.staleguard.example.rolling.RaceHolds;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * The example's server-side state: every store the incidents keep, the live sessions, and the Staleguard event log.
 * {@link #redeploy()} forgets the interactions and container sessions at once, which is what a redeploy, a
 * re-provisioned pod or a wiped session store does to a real application while browsers keep their cookies.
 * <p>
 * It also chooses the application's {@link SessionStore} and publishes it as the servlet context attribute
 * {@link SessionStore#ATTRIBUTE}, where every Staleguard filter of the application finds it (S3): with the system
 * property {@value #STORE_PROPERTY} unset or {@code memory}, an {@link InMemorySessionStore}; with {@code h2}, a
 * {@link JdbcSessionStore} on WildFly's H2 data source {@value #H2_DATASOURCE}, whose table it creates. Either way
 * behind the {@link OutageSwitchStore} that incident 4 switches off and on.
 */
@WebListener
public class ExampleApp implements ServletContextListener, HttpSessionListener {

    private static final System.Logger LOG = System.getLogger(ExampleApp.class.getName());
    private static final String ATTRIBUTE = ExampleApp.class.getName();

    /** The system property that chooses the session store: {@code memory} (the default) or {@code h2}. */
    public static final String STORE_PROPERTY = "example.store";
    /** WildFly's own H2 data source, present in every default configuration. */
    public static final String H2_DATASOURCE = "java:jboss/datasources/ExampleDS";

    /** H2's dialect of the table in docs/rolling-and-stores.md; {@code IF NOT EXISTS}, since ExampleDS outlives a redeploy. */
    private static final String[] H2_TABLE = {
        "CREATE TABLE IF NOT EXISTS " + JdbcSessionStore.DEFAULT_TABLE + " (id VARCHAR(255) NOT NULL PRIMARY KEY, "
                + "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, absolute_expires_at BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS " + JdbcSessionStore.DEFAULT_TABLE + "_expires ON "
                + JdbcSessionStore.DEFAULT_TABLE + " (expires_at)"};

    private final Clock clock = Clock.systemUTC();
    private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();
    private final EventLog events = new EventLog(clock);
    private final Interactions interactions = new Interactions();
    private final RaceHolds raceHolds = new RaceHolds();
    private OutageSwitchStore store;
    private StoreSessions storeSessions;

    /** What a redeploy threw away. */
    public record Wiped(int interactions, int sessions) {
    }

    public static ExampleApp of(ServletContext context) {
        return (ExampleApp) context.getAttribute(ATTRIBUTE);
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        ServletContext context = sce.getServletContext();
        store = openStore(System.getProperty(STORE_PROPERTY), ExampleApp::lookUp, clock);
        storeSessions = new StoreSessions(store, clock);
        context.setAttribute(ATTRIBUTE, this);
        context.setAttribute(SessionEndedListener.ATTRIBUTE, events);
        context.setAttribute(SessionStore.ATTRIBUTE, store);
        LOG.log(Level.INFO, "Staleguard example is ready at {0} (session store: {1})", whereToFindIt(context),
                store.description());
    }

    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        sce.getServletContext().removeAttribute(SessionStore.ATTRIBUTE);
        sce.getServletContext().removeAttribute(SessionEndedListener.ATTRIBUTE);
        sce.getServletContext().removeAttribute(ATTRIBUTE);
    }

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        sessions.add(se.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        sessions.remove(se.getSession());
    }

    /** Forgets every interaction, authorization code and session; the browsers keep their cookies. */
    public Wiped redeploy() {
        int droppedSessions = 0;
        for (HttpSession s : sessions) {
            sessions.remove(s);
            try {
                s.invalidate();
                droppedSessions++;
            } catch (IllegalStateException alreadyGone) {
                // it expired or was invalidated meanwhile: gone either way
            }
        }
        return new Wiped(interactions.clear(), droppedSessions);
    }

    public EventLog events() {
        return events;
    }

    public Interactions interactions() {
        return interactions;
    }

    public Clock clock() {
        return clock;
    }

    /** The application's session store, with incident 4's outage switch. */
    public OutageSwitchStore store() {
        return store;
    }

    /** Incident 2's slow requests, held in flight until the tour releases them. */
    public RaceHolds raceHolds() {
        return raceHolds;
    }

    /** The demo applications' store-backed sessions (incidents 2 and 4). */
    public StoreSessions storeSessions() {
        return storeSessions;
    }

    /**
     * Opens the session store {@code option} names.
     *
     * @param option {@code memory} or null for the in-memory store, {@code h2} for WildFly's {@value #H2_DATASOURCE}
     * @param jndi looks a data source up by its JNDI name
     * @throws IllegalArgumentException if {@code option} names no store, or the H2 data source cannot be used; the
     *         deployment fails with its message
     */
    static OutageSwitchStore openStore(String option, Function<String, DataSource> jndi, Clock clock) {
        String choice = option == null || option.isBlank() ? "memory" : option.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "memory":
                return new OutageSwitchStore(new InMemorySessionStore(10_000), "in memory (InMemorySessionStore)",
                        clock);
            case "h2":
                DataSource ds = jndi.apply(H2_DATASOURCE);
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    for (String ddl : H2_TABLE) {
                        st.execute(ddl);
                    }
                } catch (SQLException e) {
                    throw new IllegalArgumentException("-D" + STORE_PROPERTY + "=h2: creating the table "
                            + JdbcSessionStore.DEFAULT_TABLE + " in " + H2_DATASOURCE + " failed: " + e.getMessage(),
                            e);
                }
                JdbcSessionStore jdbc = new JdbcSessionStore(ds);
                jdbc.checkTable();
                return new OutageSwitchStore(jdbc, "H2 " + H2_DATASOURCE + " (JdbcSessionStore)", clock);
            default:
                throw new IllegalArgumentException("The system property " + STORE_PROPERTY + " is '" + option
                        + "', but it must be 'memory' (the default) or 'h2' (WildFly's " + H2_DATASOURCE
                        + "). For example: mvn -B -pl example -am package -Prun -DskipTests -D" + STORE_PROPERTY
                        + "=h2");
        }
    }

    private static DataSource lookUp(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalArgumentException("-D" + STORE_PROPERTY + "=h2 needs the data source " + name
                    + ", which WildFly's default configuration has; here it could not be found (" + e + ")", e);
        }
    }

    /**
     * The start page's address for the log. WildFly tells its port offset through a system property; elsewhere only
     * the path is certain.
     */
    private static String whereToFindIt(ServletContext context) {
        String path = context.getContextPath() + "/";
        if (System.getProperty("jboss.home.dir") == null) {
            return path;
        }
        try {
            int port = Integer.parseInt(System.getProperty("jboss.http.port", "8080"))
                    + Integer.parseInt(System.getProperty("jboss.socket.binding.port-offset", "0"));
            return "http://localhost:" + port + path;
        } catch (NumberFormatException e) {
            return path;
        }
    }
}
