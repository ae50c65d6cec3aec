package io.staleguard.it.rolling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
 */
@WebListener
public class FoilStores implements ServletContextListener {

    static final String FOIL = "it.foil";
    static final String LATENCY = "it.foil-latency-ms";

    @Resource(lookup = SessionTable.DEFAULT_DS)
    private DataSource exampleDs;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        long latency = Long.parseLong(context.getInitParameter(LATENCY));
        Foils.Saving saving = new MergeSaving(new JdbcSessionStore(exampleDs), exampleDs, latency);
        SessionStore foil = switch (context.getInitParameter(FOIL)) {
            case "upsert" -> Foils.upsert(saving);
            case "read-then-write" -> Foils.readThenWrite(saving);
            default -> throw new IllegalArgumentException(FOIL + ": upsert or read-then-write");
        };
        context.setAttribute(SessionStore.ATTRIBUTE, foil);
    }

    /** The foils' unconditional write on H2: a {@code MERGE}, which writes the row whether or not it exists. */
    private record MergeSaving(SessionStore real, DataSource ds, long latencyMillis) implements Foils.Saving {

        private static final String MERGE = "MERGE INTO staleguard_session (id, created_at, expires_at, "
                + "absolute_expires_at) KEY (id) VALUES (?, ?, ?, ?)";

        @Override
        public void save(String id, StoredSession s) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(MERGE)) {
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
