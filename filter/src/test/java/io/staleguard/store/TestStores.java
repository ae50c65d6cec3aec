package io.staleguard.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

/** Stores on a test clock: the clock hooks are package-private, so tests elsewhere come here. */
public final class TestStores {

    private TestStores() {
    }

    public static InMemorySessionStore inMemory(Clock clock) {
        return new InMemorySessionStore(InMemorySessionStore.DEFAULT_MAX_SESSIONS, clock);
    }

    public static InMemorySessionStore inMemory(int maxSessions, Clock clock) {
        return new InMemorySessionStore(maxSessions, clock);
    }

    public static JdbcSessionStore jdbc(DataSource dataSource, String table, Clock clock) {
        return JdbcSessionStore.builder(dataSource).table(table).clock(clock).build();
    }

    /**
     * Creates a session in {@code store} that is live at {@code now} (30 minutes of inactivity, 12 hours absolute).
     *
     * @return its new, unique id
     */
    public static String live(SessionStore store, Instant now) {
        String id = "s" + System.nanoTime();
        store.create(id, StoredSession.startingAt(now, Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }
}
