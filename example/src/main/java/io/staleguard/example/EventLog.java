package io.staleguard.example;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;

/**
 * The example's {@link SessionEndedListener}: keeps the last few {@link SessionEnded} events so the tour can show
 * them, and lets a page that follows a recovery say so. Registered as the servlet context attribute
 * {@link SessionEndedListener#ATTRIBUTE} by {@link ExampleApp}.
 */
public final class EventLog implements SessionEndedListener {

    private static final int CAPACITY = 20;

    private final Clock clock;
    private final Deque<SessionEnded> events = new ArrayDeque<>();
    /** Events a restarted flow has already announced, so one recovery is announced once. */
    private final Map<SessionEnded, Boolean> claimed = new IdentityHashMap<>();
    private long total;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sessionEnded(SessionEnded event) {
        total++;
        events.addFirst(event);
        while (events.size() > CAPACITY) {
            claimed.remove(events.removeLast());
        }
    }

    /** @return how many events arrived since the application started, including those no longer kept */
    public synchronized long total() {
        return total;
    }

    /** @return the events, newest first */
    public synchronized List<SessionEnded> recent() {
        return new ArrayList<>(events);
    }

    /**
     * The newest event on a path under {@code pathPrefix} from the last {@code maxAge} that no one claimed yet; claims
     * it. A restarted flow uses it to tell the user that Staleguard just sent them back.
     */
    public synchronized Optional<SessionEnded> claimRecent(String pathPrefix, Duration maxAge) {
        Instant since = clock.instant().minus(maxAge);
        for (SessionEnded e : events) {
            if (e.at().isBefore(since)) {
                break;
            }
            if (e.requestPath().startsWith(pathPrefix) && !claimed.containsKey(e)) {
                claimed.put(e, Boolean.TRUE);
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** "3 s ago", for pages. */
    public String age(SessionEnded event) {
        long seconds = Math.max(0, Duration.between(event.at(), clock.instant()).getSeconds());
        if (seconds < 2) {
            return "just now";
        }
        return seconds < 120 ? seconds + " s ago" : (seconds / 60) + " min ago";
    }
}
