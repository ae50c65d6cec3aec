package io.staleguard.cdi.internal;

import static io.staleguard.cdi.internal.Fixture.EXPIRED_SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

import io.staleguard.EndReason;
import io.staleguard.SessionNotFoundException;
import io.staleguard.StaleSessionFilter;
import io.staleguard.cdi.Interaction;
import io.staleguard.spi.ConfigException;
import io.staleguard.spi.StoreLocator;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;

/**
 * C2, E1, S3 in a real CDI container (Weld SE 5.1, the CDI 4.0 implementation WildFly 39 runs). Each container is a
 * synthetic archive in {@code annotated} discovery mode holding only the classes a test names: no {@code beans.xml},
 * and the extension comes in the way a server finds it, through its {@code META-INF/services} entry.
 */
class CdiContainerTest {

    private final Fixture app = new Fixture();
    private WeldContainer container;

    @AfterEach
    void close() {
        app.close();
        if (container != null) {
            container.shutdown();
        }
    }

    private WeldContainer start(Class<?>... beanClasses) {
        container = CdiBeans.start(beanClasses);
        return container;
    }

    private List<Interceptor<?>> interactionInterceptors() {
        return container.getBeanManager().resolveInterceptors(InterceptionType.AROUND_INVOKE,
                new CdiBeans.InteractionLiteral());
    }

    @Test
    @DisplayName("C2 the extension registers and enables the interceptor itself: no beans.xml, annotated discovery, "
            + "library-range priority")
    void extensionRegistersTheInterceptor() {
        start(CdiBeans.ConsentStep.class);

        List<Interceptor<?>> interceptors = interactionInterceptors();
        assertEquals(1, interceptors.size());
        assertEquals(InteractionInterceptor.class, interceptors.get(0).getBeanClass());
        assertTrue(Interaction.PRIORITY >= jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE
                && Interaction.PRIORITY < jakarta.interceptor.Interceptor.Priority.APPLICATION);
    }

    @Test
    @DisplayName("C2 the interceptor runs once even when discovery finds its class too")
    void discoveredCopyIsVetoed() {
        start(CdiBeans.ConsentStep.class, InteractionInterceptor.class);

        assertEquals(1, interactionInterceptors().size());
    }

    @Test
    @DisplayName("C1/C2/E1 a stale exception from a bean method becomes the 303 to its @Interaction target, with one "
            + "SessionEnded as a CDI event")
    void beanMethodIsRecovered() {
        start(CdiBeans.ConsentStep.class, CdiBeans.EndedSessions.class);
        app.withSession().bind();

        container.select(CdiBeans.ConsentStep.class).get().confirm();

        assertEquals(303, app.response.getStatus());
        assertEquals("/app/authorize", app.response.getHeader("Location"));
        assertEquals(EXPIRED_SESSION_COOKIE, app.response.raw("Set-Cookie").get(0));
        assertTrue(app.session.isInvalid());
        CdiBeans.EndedSessions ended = container.select(CdiBeans.EndedSessions.class).get();
        assertEquals(1, ended.observed().size());
        assertEquals(EndReason.NOT_FOUND, ended.observed().get(0).reason());
        assertEquals("/app/consent/confirm", ended.observed().get(0).requestPath());
        assertSame(app.events.get(0), ended.observed().get(0), "the very event the filter's listeners got");
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("E1 @ObservesAsync observers get the event too, once")
    void asyncObserversGetItOnce() throws Exception {
        start(CdiBeans.ConsentStep.class, CdiBeans.EndedSessions.class);
        app.bind();
        CdiBeans.EndedSessions ended = container.select(CdiBeans.EndedSessions.class).get();

        container.select(CdiBeans.ConsentStep.class).get().confirm();

        assertTrue(ended.asyncArrived().await(30, TimeUnit.SECONDS), "no asynchronous event");
        assertEquals(1, ended.observedAsync().size());
        assertEquals(1, ended.observed().size());
    }

    @Test
    @DisplayName("E1 exactly one CDI event when the filter does the recovery, with no interceptor involved")
    void filterRecoveryFiresOneCdiEvent() throws Exception {
        start(CdiBeans.EndedSessions.class);
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(new MockFilterConfig(app.context, "staleguard"));
        try {
            filter.doFilter(app.request, app.response, (req, res) -> {
                throw new SessionNotFoundException("interaction not found");
            });
        } finally {
            filter.destroy();
        }

        assertEquals(303, app.response.getStatus());
        assertEquals(1, container.select(CdiBeans.EndedSessions.class).get().observed().size());
    }

    @Test
    @DisplayName("C1/E1 when the interceptor leaves it to the filter (primitive return), still one CDI event, and the "
            + "filter uses the @Interaction target")
    void interceptorAndFilterTogetherFireOnce() throws Exception {
        start(CdiBeans.ConsentStep.class, CdiBeans.EndedSessions.class);
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(new MockFilterConfig(app.context, "staleguard"));
        try {
            filter.doFilter(app.request, app.response,
                    (req, res) -> container.select(CdiBeans.ConsentStep.class).get().attempts());
        } finally {
            filter.destroy();
        }

        assertEquals(303, app.response.getStatus());
        assertEquals("/app/authorize", app.response.getHeader("Location"));
        assertEquals(1, container.select(CdiBeans.EndedSessions.class).get().observed().size());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1/T1 a transient failure from an @Interaction method passes untouched: no cookie expiry, no event")
    void transientPassesUntouched() {
        start(CdiBeans.ConsentStep.class, CdiBeans.EndedSessions.class);
        app.withSession().bind();

        assertThrows(StoreUnavailableException.class,
                () -> container.select(CdiBeans.ConsentStep.class).get().confirmDuringOutage());

        assertEquals(200, app.response.getStatus());
        assertTrue(app.response.getHeaderNames().isEmpty());
        assertFalse(app.session.isInvalid());
        assertTrue(container.select(CdiBeans.EndedSessions.class).get().observed().isEmpty());
    }

    @Test
    @DisplayName("C1 a method without @Interaction is not intercepted: its exception reaches the caller")
    void unboundMethodIsNotIntercepted() {
        start(CdiBeans.ConsentStep.class);
        app.bind();

        assertThrows(SessionNotFoundException.class, () -> container.select(CdiBeans.ConsentStep.class).get().unguarded());
        assertEquals(200, app.response.getStatus());
    }

    @Test
    @DisplayName("C2 a bad @Interaction(restart) on a method fails deployment, naming the class, method and value")
    void badMethodTargetFailsDeployment() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(CdiBeans.BadMethodTarget.class));

        String message = messages(e);
        assertTrue(message.contains("SG0205 Staleguard: @Interaction(restart = \"//evil.example\") on method "
                + CdiBeans.BadMethodTarget.class.getName() + ".confirm(String) is not a valid restart target: a restart "
                + "target must be a path inside the application"), message);
        assertTrue(message.contains("For example: @Interaction(restart = \"/authorize\")"), message);
    }

    @Test
    @DisplayName("C2 a bad @Interaction(restart) on a class fails deployment, naming the class and value")
    void badClassTargetFailsDeployment() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(CdiBeans.BadClassTarget.class));

        assertTrue(messages(e).contains("SG0205 Staleguard: @Interaction(restart = \"https://evil.example/login\") "
                + "on class " + CdiBeans.BadClassTarget.class.getName() + " is not a valid restart target"),
                messages(e));
    }

    @Test
    @DisplayName("C2 the deployment check reads the CDI model: superclasses, stereotypes, carried bindings, several "
            + "problems at once")
    void checkReadsTheCdiModel() {
        start(CdiBeans.Plain.class);
        BeanManager bm = container.getBeanManager();

        assertEquals(List.of(), List.copyOf(InteractionBindings.problems(bm.createAnnotatedType(Samples.ConsentService.class))));
        assertEquals(List.of(), List.copyOf(InteractionBindings.problems(bm.createAnnotatedType(Samples.ViaStereotype.class))));
        List<String> method = List.copyOf(InteractionBindings.problems(bm.createAnnotatedType(Samples.BadMethod.class)));
        assertEquals(1, method.size(), method.toString());
        assertTrue(method.get(0).contains("on method " + Samples.BadMethod.class.getName() + ".confirm(String, int)"));
        List<String> inherited = List.copyOf(
                InteractionBindings.problems(bm.createAnnotatedType(Samples.InheritsBadClass.class)));
        assertEquals(1, inherited.size(), inherited.toString());
        assertTrue(inherited.get(0).contains("on class " + Samples.BadClass.class.getName() + " is not"),
                "names the class where the value is written: " + inherited.get(0));
    }

    @Test
    @DisplayName("S3 a SessionStore bean is what the filters' StoreLocator finds, through ServiceLoader")
    void storeBeanIsHandedToTheFilters() {
        start(CdiBeans.StoreProducer.class);

        Optional<SessionStore> found = storeLocator().find(app.context);

        assertTrue(found.isPresent());
        found.get().lookup("some-id");
        assertEquals(List.of("some-id"), CdiBeans.StoreProducer.STORE.lookedUp);
    }

    @Test
    @DisplayName("S3 without a SessionStore bean the locator finds nothing, and the next source applies")
    void noStoreBean() {
        start(CdiBeans.ConsentStep.class);

        assertEquals(Optional.empty(), storeLocator().find(app.context));
    }

    @Test
    @DisplayName("S3 two SessionStore beans: a configuration error naming both")
    void ambiguousStoreBeans() {
        start(CdiBeans.StoreProducer.class, CdiBeans.SecondStoreProducer.class);

        ConfigException e = assertThrows(ConfigException.class, () -> storeLocator().find(app.context));

        assertTrue(e.getMessage().startsWith("SG0203 Staleguard configuration: 2 CDI beans are SessionStores"),
                e.getMessage());
        assertTrue(e.getMessage().contains(CdiBeans.StoreProducer.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(CdiBeans.SecondStoreProducer.class.getName()), e.getMessage());
    }

    @Test
    @DisplayName("C1 overhead on methods that return normally: printed, never asserted (see the report)")
    void overheadOfMethodsThatDoNotThrow() {
        start(CdiBeans.Plain.class, CdiBeans.WithEmptyInterceptor.class, CdiBeans.EmptyInterceptor.class,
                CdiBeans.WithInteraction.class);
        CdiBeans.Plain plain = container.select(CdiBeans.Plain.class).get();
        CdiBeans.WithEmptyInterceptor empty = container.select(CdiBeans.WithEmptyInterceptor.class).get();
        CdiBeans.WithInteraction guarded = container.select(CdiBeans.WithInteraction.class).get();
        List<LongUnaryOperator> variants = List.of(plain::next, empty::next, guarded::next);
        List<String> names = List.of("no interceptor", "empty interceptor", "@Interaction");
        int calls = Integer.getInteger("staleguard.overhead.calls", 500_000);
        int rounds = 9;
        double[][] nsPerCall = new double[variants.size()][rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            // A different variant goes first each round, so that none always gets the warmest (or coldest) slot.
            for (int k = 0; k < variants.size(); k++) {
                int v = (round + k) % variants.size();
                LongUnaryOperator call = variants.get(v);
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink = call.applyAsLong(sink);
                }
                nsPerCall[v][round] = (System.nanoTime() - start) / (double) calls;
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            double[] sorted = nsPerCall[v].clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("overhead: %-17s median %6.1f ns/call, best %6.1f ns/call over %d rounds of %d calls%n",
                    names.get(v), sorted[rounds / 2], sorted[0], rounds, calls);
        }
        assertEquals((long) rounds * variants.size() * calls, sink, "every call ran");
    }

    private static StoreLocator storeLocator() {
        for (StoreLocator locator : ServiceLoader.load(StoreLocator.class)) {
            if (locator instanceof CdiStoreLocator) {
                return locator;
            }
        }
        throw new AssertionError("CdiStoreLocator is not registered in META-INF/services");
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                b.append(s.getMessage()).append('\n');
            }
        }
        assertNotNull(b);
        return b.toString();
    }
}
