package io.staleguard.example.outage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;

/**
 * The example's session store: the real one ({@code InMemorySessionStore}, or a {@code JdbcSessionStore} on WildFly's
 * H2 {@code ExampleDS}) behind a switch that simulates an outage for incident 4. While the outage lasts, every call
 * throws {@link StoreUnavailableException}, as a store that is down, timing out or failing over does; the records
 * themselves are untouched, so when the store comes back every session is exactly where it was.
 * <p>
 * An outage ends by itself after the duration it was started with, like a real blip, or when
 * {@link #endOutage()} is called.
 */
public final class OutageSwitchStore implements SessionStore {

    /** One outage: when it started, when it ends (or ended), and how many store calls it refused. */
    public record Outage(Instant from, Instant until, AtomicInteger refused) {

        boolean activeAt(Instant now) {
            return now.isBefore(until);
        }
    }

    private final SessionStore delegate;
    private final String description;
    private final Clock clock;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    /**
     * @param delegate the store that holds the records
     * @param description what the store is, for pages ("in memory", "H2 ExampleDS")
     */
    public OutageSwitchStore(SessionStore delegate, String description, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.description = description;
        this.clock = clock;
    }

    /** Starts an outage of {@code length}, or extends the current one to end {@code length} from now. */
    public void startOutage(Duration length) {
        Instant now = clock.instant();
        outage.updateAndGet(o -> o != null && o.activeAt(now) ? new Outage(o.from(), now.plus(length), o.refused())
                : new Outage(now, now.plus(length), new AtomicInteger()));
    }

    /** Ends the current outage now, if there is one. */
    public void endOutage() {
        Instant now = clock.instant();
        outage.updateAndGet(o -> o != null && o.activeAt(now) ? new Outage(o.from(), now, o.refused()) : o);
    }

    /** @return whether the store is down right now */
    public boolean isDown() {
        Outage o = outage.get();
        return o != null && o.activeAt(clock.instant());
    }

    /** @return the current or the last outage, if there was one */
    public Optional<Outage> lastOutage() {
        return Optional.ofNullable(outage.get());
    }

    /** What the store is, for pages: "in memory" or "H2 ExampleDS". */
    public String description() {
        return description;
    }

    private void available() {
        Outage o = outage.get();
        if (o != null && o.activeAt(clock.instant())) {
            o.refused().incrementAndGet();
            throw new StoreUnavailableException("The example's session store is down (a simulated outage)");
        }
    }

    @Override
    public Optional<StoredSession> lookup(String id) {
        available();
        return delegate.lookup(id);
    }

    @Override
    public Optional<StoredSession> lookupAuthoritative(String id) {
        available();
        return delegate.lookupAuthoritative(id);
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        available();
        return delegate.touchIfPresent(id, newExpiry);
    }

    @Override
    public void delete(String id) {
        available();
        delegate.delete(id);
    }

    @Override
    public void create(String id, StoredSession session) {
        available();
        delegate.create(id, session);
    }

    @Override
    public String toString() {
        return "OutageSwitchStore[" + delegate + "]";
    }
}
