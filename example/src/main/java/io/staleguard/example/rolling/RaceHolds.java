package io.staleguard.example.rolling;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * <b>Tour scaffolding:</b> holds incident 2's slow requests in flight until the tour releases them, so that the race
 * plays out the same way every time. In real life a request in flight lands after the logout by chance; here the page
 * (or the tour driver) signs out, waits for the answer, and only then releases the requests it started before, so
 * their responses certainly land after the logout's. What those requests write, and whether that brings the session
 * back, is the application's and its roller's doing, not this class's.
 */
public final class RaceHolds {

    /** The most races held at once, and the most requests one race holds. */
    private static final int MAX_RACES = 100;
    private static final int MAX_HELD = 8;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final class Race {
        final CountDownLatch released = new CountDownLatch(1);
        int held;
    }

    private final Map<String, Race> races = new ConcurrentHashMap<>();

    /** @return whether {@code token} can name a race: 1 to 64 letters, digits, {@code -} or {@code _} */
    public static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /**
     * Holds the calling request until {@link #release(String)} of the same token, at most {@code max}.
     *
     * @return whether it was released; false after {@code max}, or at once when too many requests are held
     */
    public boolean hold(String token, Duration max) throws InterruptedException {
        Race[] mine = new Race[1];
        races.compute(token, (key, race) -> {
            if (race == null && races.size() >= MAX_RACES) {
                return null;
            }
            Race r = race == null ? new Race() : race;
            if (r.held < MAX_HELD) {
                r.held++;
                mine[0] = r;
            }
            return r;
        });
        if (mine[0] == null) {
            return false;
        }
        try {
            return mine[0].released.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            races.computeIfPresent(token, (key, race) -> {
                if (race == mine[0]) {
                    race.held--;
                    return race.held == 0 ? null : race;
                }
                return race;
            });
        }
    }

    /** @return how many requests of race {@code token} are held right now */
    public int held(String token) {
        Race race = races.get(token);
        return race == null ? 0 : race.held;
    }

    /** Lets every request of race {@code token} go on. */
    public void release(String token) {
        Race race = races.remove(token);
        if (race != null) {
            race.released.countDown();
        }
    }
}
