package io.staleguard.example;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;

/**
 * The demo applications' side of store-backed sessions (incidents 2 and 4). A session is a record in the
 * {@link SessionStore} that Staleguard also uses (it says whether the session is alive and until when) plus the
 * application's own data about it, kept here: who signed in. A session id is 43 random URL-safe characters, carried
 * by the application's own session cookie.
 */
public final class StoreSessions {

    /** How long an untouched session lives; the same as Staleguard's default {@code inactivity}. */
    public static final Duration INACTIVITY = Duration.ofMinutes(30);
    /** The longest a session lives; the same as Staleguard's default {@code absolute}. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);

    /** The most sessions whose data the example keeps; older ones are forgotten first. */
    private static final int MAX_SESSIONS = 1000;

    /** What the application knows about a session: which demo it belongs to and who signed in. */
    public record Data(String incident, Mode mode, String user) {
    }

    /** Whether a session id names a live record. */
    public enum State {
        /** The request carries no session cookie. */
        NONE,
        /** The store has a live record for it. */
        LIVE,
        /** The store has no live record for it. */
        GONE
    }

    private final SessionStore store;
    private final Clock clock;
    /** The application's data about each session, while it is signed in. */
    private final Map<String, Data> data = bounded();
    /** Every session started, signed in or not: for counting the demo's records in the store. */
    private final Map<String, Data> started = bounded();

    public StoreSessions(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SessionStore store() {
        return store;
    }

    /**
     * Signs {@code user} in: a new record in the store, and the application's data about it.
     *
     * @return the new session id, for the session cookie
     * @throws StoreUnavailableException if the store is down; nothing was created then
     */
    public String start(String incident, Mode mode, String user) {
        String id = Web.newId(32);
        store.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        Data d = new Data(incident, mode, user);
        synchronized (data) {
            started.put(id, d);
            data.put(id, d);
        }
        return id;
    }

    /** @return the application's data about session {@code id}, if it has any */
    public Optional<Data> data(String id) {
        if (id == null) {
            return Optional.empty();
        }
        synchronized (data) {
            return Optional.ofNullable(data.get(id));
        }
    }

    /** Stores the application's data about session {@code id}. */
    public void put(String id, Data d) {
        synchronized (data) {
            data.put(id, d);
        }
    }

    /** Forgets the application's data about session {@code id}: the user signed out. */
    public void forget(String id) {
        if (id == null) {
            return;
        }
        synchronized (data) {
            data.remove(id);
        }
    }

    /**
     * @return whether {@code id} names a live record
     * @throws StoreUnavailableException if the store is down
     */
    public State state(String id) {
        if (id == null || id.isEmpty()) {
            return State.NONE;
        }
        return store.lookup(id).isPresent() ? State.LIVE : State.GONE;
    }

    /**
     * @return how many sessions of one demo the store holds live records for, signed in or not, or -1 while the
     *         store is down
     */
    public int liveRecords(String incident, Mode mode) {
        List<String> ids = new ArrayList<>();
        synchronized (data) {
            started.forEach((id, d) -> {
                if (d.incident().equals(incident) && d.mode() == mode) {
                    ids.add(id);
                }
            });
        }
        try {
            int live = 0;
            for (String id : ids) {
                if (store.lookup(id).isPresent()) {
                    live++;
                }
            }
            return live;
        } catch (StoreUnavailableException e) {
            return -1;
        }
    }

    private static Map<String, Data> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Data> eldest) {
                return size() > MAX_SESSIONS;
            }
        };
    }
}
