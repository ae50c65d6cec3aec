package io.staleguard.redis;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.staleguard.FaultDrill;
import io.staleguard.store.SessionStore;
import io.staleguard.testing.TcpProxy;

/**
 * Incident 4 on Redis, by fault injection: a {@link TcpProxy} between Lettuce and the real server cuts or stalls every
 * connection (T1, R4), and a session that really is gone (T3). Prints the fault table. Redis itself is never stopped
 * or reconfigured.
 */
@DisplayName("T1, T3 on Redis: store outages sign nobody out; a real 'gone' cleans up at once")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultInjectionTest {

    static final String PREFIX = "fault";
    static final Duration TIMEOUT = Duration.ofMillis(300);

    final FaultDrill.Table table = new FaultDrill.Table();
    Redis redis;
    TcpProxy proxy;
    RedisSessionStore store;
    FaultDrill drill;

    @BeforeAll
    void start() throws Exception {
        redis = Redis.require();
        redis.clear(PREFIX);
        proxy = new TcpProxy("127.0.0.1", 6379);
        store = Redis.store(proxy.port(), PREFIX, Clock.systemUTC()).commandTimeout(TIMEOUT).build();
        drill = new FaultDrill(new FaultDrill.Target() {
            @Override
            public String name() {
                return "Redis";
            }

            @Override
            public SessionStore store() {
                return store;
            }

            @Override
            public TcpProxy proxy() {
                return proxy;
            }

            @Override
            public Duration beyondTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public boolean holds(String id) {
                return redis.holds(PREFIX, id);
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        table.print("Fault injection, Redis (RedisSessionStore through a TCP proxy)");
        if (store != null) {
            store.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.clear(PREFIX);
            redis.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("T1, R4: connections cut mid-request and between requests: 0 sessions lost, 0 cookies expired, 0 events")
    void cut() throws Exception {
        table.add(drill.outage(FaultDrill.Fault.CUT));
    }

    @Test
    @Order(2)
    @DisplayName("T1, R4: every byte delayed beyond the command timeout: 0 sessions lost, 0 cookies expired, 0 events")
    void delay() throws Exception {
        table.add(drill.outage(FaultDrill.Fault.DELAY));
    }

    @Test
    @Order(3)
    @DisplayName("T3: a session really gone, on a server-rendered page: cookie expired and one event in that response; no loop")
    void reallyGone() throws Exception {
        table.add(drill.reallyGone());
    }
}
