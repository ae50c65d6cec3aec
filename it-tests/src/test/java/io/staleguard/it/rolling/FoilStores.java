package io.staleguard.it.rolling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.staleguard.race.Foils;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import jakarta.annotation.Resource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Deliberately broken: gives the application one of the unit race harness's {@link Foils} as its session store (the
 * context attribute comes before the {@code store} key, S3), on the same H2 table. Context-param {@value #FOIL}:
 * {@code upsert} (the original incident: every touch re-creates the record) or {@code read-then-write} (the narrowed
 * fix: "still there? then save it").
 * <p>
 * Context-param {@value #LATENCY}: milliseconds between the foil's read and its write. In-memory H2 answers in
 * microseconds, so the read-then-write window a remote store has (a network round trip, more under load) is almost
 * closed here; the pause stands in for it, as the unit harness's {@code Thread.yield()} does. With 0 the window is
 * H2's own.
 * <p>
 * Context-param {@value #DATA_SOURCE} (optional): the JNDI name of another data source for the foil, such as a
 * PostgreSQL one that several nodes share; the default is the server's H2.
 */
@WebListener
public class FoilStores implements ServletContextListener {

    static final String FOIL = "it.foil";
    static final String LATENCY = "it.foil-latency-ms";
    static final String DATA_SOURCE = "it.foil-data-source";

    @Resource(lookup = SessionTable.DEFAULT_DS)
    private DataSource exampleDs;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        long latency = Long.parseLong(context.getInitParameter(LATENCY));
        DataSource ds = dataSource(context.getInitParameter(DATA_SOURCE));
        Foils.Saving saving = new MergeSaving(new JdbcSessionStore(ds), ds, merge(ds), latency);
        SessionStore foil = switch (context.getInitParameter(FOIL)) {
            case "upsert" -> Foils.upsert(saving);
            case "read-then-write" -> Foils.readThenWrite(saving);
            default -> throw new IllegalArgumentException(FOIL + ": upsert or read-then-write");
        };
        context.setAttribute(SessionStore.ATTRIBUTE, foil);
    }

    private DataSource dataSource(String jndiName) {
        if (jndiName == null) {
            return exampleDs;
        }
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException(DATA_SOURCE + ": no data source " + jndiName, e);
        }
    }

    /**
     * The foils' unconditional write, which writes the row whether or not it exists: H2's {@code MERGE}, or
     * PostgreSQL's upsert.
     */
    private static String merge(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return "INSERT INTO staleguard_session (id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, "
                        + "?, ?) ON CONFLICT (id) DO UPDATE SET created_at = EXCLUDED.created_at, expires_at = "
                        + "EXCLUDED.expires_at, absolute_expires_at = EXCLUDED.absolute_expires_at";
            }
            return "MERGE INTO staleguard_session (id, created_at, expires_at, absolute_expires_at) KEY (id) VALUES "
                    + "(?, ?, ?, ?)";
        } catch (SQLException e) {
            throw new IllegalStateException("the foil's data source does not answer", e);
        }
    }

    private record MergeSaving(SessionStore real, DataSource ds, String merge, long latencyMillis)
            implements Foils.Saving {

        @Override
        public void save(String id, StoredSession s) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(merge)) {
                p.setString(1, id);
                p.setLong(2, s.createdAt().toEpochMilli());
                p.setLong(3, s.expiresAt().toEpochMilli());
                p.setLong(4, s.absoluteExpiresAt().toEpochMilli());
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StoreUnavailableException("foil merge failed", e);
            }
        }
    }
}
