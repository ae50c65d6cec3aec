package io.staleguard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockServletContext;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;

/**
 * Part 1's JMH benchmarks: one request through {@link StaleSessionFilter} then {@link RollingSessionFilter} (the
 * drop-in order) to a servlet that sets the status, against the same request through a chain without filters. The
 * request, response and chain are recycled per call the way a container recycles them ({@link BenchRequest},
 * {@link BenchResponse}, {@link BenchChain}), so what a benchmark allocates beyond {@link #bareChain} is the filters'.
 * The filters are started on spring-test's {@link MockServletContext} with context-params, as an application
 * configures them; the application lives at {@code /app}. Run by {@link FilterCost}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterCostBenchmark {

    static final String CONTEXT = "/app";
    /** A 43-character session id, the length of 256 random bits in base64url, as real session ids are. */
    static final String SESSION_ID = "Vq3nJ8kz0aXbR2cYt5uWm7pL9sD4fG6hK1eQ0iZ_-yO";
    static final String CONTAINER_SESSION_ID = "node01f7mw3q8c0vz91sgxyq6m3hxv0";

    /** One scenario: its filters on a context of their own, and one recycled request, response and chain. */
    abstract static class Scenario {
        MockServletContext context;
        Filter[] filters = new Filter[0];
        BenchRequest request;
        BenchResponse response;
        BenchChain chain;

        /** @param keyValues context-params as key, value… (each becomes {@code staleguard.<key>}) */
        void start(BenchRequest request, boolean withFilters, String... keyValues) throws ServletException {
            start(request, withFilters, null, keyValues);
        }

        /** @param store published as the context attribute {@link SessionStore#ATTRIBUTE}, or null */
        void start(BenchRequest request, boolean withFilters, SessionStore store, String... keyValues)
                throws ServletException {
            context = new MockServletContext();
            context.setContextPath(CONTEXT);
            if (store != null) {
                context.setAttribute(SessionStore.ATTRIBUTE, store);
            }
            for (int i = 0; i < keyValues.length; i += 2) {
                context.addInitParameter("staleguard." + keyValues[i], keyValues[i + 1]);
            }
            if (withFilters) {
                StaleSessionFilter stale = new StaleSessionFilter();
                RollingSessionFilter rolling = new RollingSessionFilter();
                stale.init(new MockFilterConfig(context, "staleguard"));
                rolling.init(new MockFilterConfig(context, "rolling"));
                filters = new Filter[] {stale, rolling};
            }
            this.request = request;
            this.response = new BenchResponse();
            this.chain = new BenchChain(filters);
        }

        /** One request, as a container serves it on recycled objects. */
        long serve() throws Exception {
            request.recycle();
            response.recycle();
            chain.recycle();
            chain.doFilter(request, response);
            return chain.served() + response.headerCount();
        }

        @TearDown
        public void stop() {
            for (Filter f : filters) {
                f.destroy();
            }
        }
    }

    static BenchRequest plainRequest() {
        return new BenchRequest(CONTEXT, "/orders", null, null, false);
    }

    /** (a) the baseline: no filters. */
    @State(Scope.Thread)
    public static class Bare extends Scenario {
        @Setup
        public void setup() throws ServletException {
            start(plainRequest(), false);
        }
    }

    /** (b) both filters with the default configuration (rolling off), no session cookie. */
    @State(Scope.Thread)
    public static class PassThrough extends Scenario {
        @Setup
        public void setup() throws ServletException {
            start(plainRequest(), true);
        }
    }

    /** (c) rolling on with {@code store=memory}, no session cookie: nothing to touch, but the gate still watches. */
    @State(Scope.Thread)
    public static class PassThroughRolling extends Scenario {
        @Setup
        public void setup() throws ServletException {
            start(plainRequest(), true, "rolling", "true", "store", "memory", "session-cookie", "SID;path=" + CONTEXT);
        }
    }

    /** (d) container mode, {@code interaction-paths=/interaction/*}, the requested session id is valid. */
    @State(Scope.Thread)
    public static class Interaction extends Scenario {
        @Setup
        public void setup() throws ServletException {
            Cookie[] cookies = {new Cookie("JSESSIONID", CONTAINER_SESSION_ID)};
            start(new BenchRequest(CONTEXT, "/interaction/save", cookies, CONTAINER_SESSION_ID, true), true,
                    "interaction-paths", "/interaction/*");
        }
    }

    /** (e) rolling with an {@link InMemorySessionStore} holding the live session the cookie names. */
    @State(Scope.Thread)
    public static class RollingTouch extends Scenario {
        InMemorySessionStore store;

        @Setup
        public void setup() throws ServletException {
            store = new InMemorySessionStore();
            store.create(SESSION_ID, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
            Cookie[] cookies = {new Cookie("SID", SESSION_ID)};
            start(new BenchRequest(CONTEXT, "/orders", cookies, null, false), true, store,
                    "rolling", "true", "session-cookie", "SID;path=" + CONTEXT);
        }
    }

    @Benchmark
    public long bareChain(Bare s) throws Exception {
        return s.serve();
    }

    @Benchmark
    public long passThrough(PassThrough s) throws Exception {
        return s.serve();
    }

    @Benchmark
    public long passThroughRolling(PassThroughRolling s) throws Exception {
        return s.serve();
    }

    @Benchmark
    public long interactionPath(Interaction s) throws Exception {
        return s.serve();
    }

    @Benchmark
    public long rollingTouch(RollingTouch s) throws Exception {
        return s.serve();
    }
}
