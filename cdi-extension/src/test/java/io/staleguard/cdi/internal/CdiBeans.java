package io.staleguard.cdi.internal;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.staleguard.SessionEnded;
import io.staleguard.SessionNotFoundException;
import io.staleguard.cdi.Interaction;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Beans of a small application, for the tests that run a real CDI container (Weld SE). */
final class CdiBeans {

    /**
     * A Weld SE container holding only {@code beanClasses}, in {@code annotated} discovery mode, with this jar's
     * extensions. Weld SE reads {@code META-INF/services} only when it scans the class path, which would turn every test
     * bean into a bean of every test; so the extensions are loaded here the way a server loads them, and handed over.
     */
    static WeldContainer start(Class<?>... beanClasses) {
        Weld weld = new Weld().disableDiscovery().setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
                .addBeanClasses(beanClasses);
        for (Extension extension : ServiceLoader.load(Extension.class)) {
            if (extension.getClass().getName().startsWith("io.staleguard.")) {
                weld.addExtension(extension);
            }
        }
        return weld.initialize();
    }

    private CdiBeans() {
    }

    /** The consent step of incident 1: the interaction the browser's cookie points to is gone. */
    @ApplicationScoped
    public static class ConsentStep {

        @Interaction(restart = "/authorize")
        public void confirm() {
            throw new SessionNotFoundException("interaction not found");
        }

        @Interaction(restart = "/authorize")
        public void confirmDuringOutage() {
            throw new StoreUnavailableException("interaction store timed out",
                    new SessionNotFoundException("replica has not seen the interaction yet"));
        }

        @Interaction(restart = "/authorize")
        public int attempts() {
            throw new SessionNotFoundException("interaction not found");
        }

        public void unguarded() {
            throw new SessionNotFoundException("interaction not found");
        }
    }

    /** Counts SessionEnded as an application would, synchronously and asynchronously. */
    @ApplicationScoped
    public static class EndedSessions {

        final List<SessionEnded> observed = new CopyOnWriteArrayList<>();
        final List<SessionEnded> observedAsync = new CopyOnWriteArrayList<>();
        final CountDownLatch asyncArrived = new CountDownLatch(1);

        void onEnded(@Observes SessionEnded ended) {
            observed.add(ended);
        }

        void onEndedAsync(@ObservesAsync SessionEnded ended) {
            observedAsync.add(ended);
            asyncArrived.countDown();
        }

        // A normal-scoped bean is reached through its client proxy, whose own fields are empty: read through methods.
        List<SessionEnded> observed() {
            return observed;
        }

        List<SessionEnded> observedAsync() {
            return observedAsync;
        }

        CountDownLatch asyncArrived() {
            return asyncArrived;
        }
    }

    @ApplicationScoped
    public static class BadMethodTarget {

        @Interaction(restart = "//evil.example")
        public void confirm(String uid) {
        }
    }

    @ApplicationScoped
    @Interaction(restart = "https://evil.example/login")
    public static class BadClassTarget {

        public void step() {
        }
    }

    /** A store the application defines as a bean (S3); while {@link #down}, its connection is gone. */
    public static class RecordingStore implements SessionStore {

        final List<String> lookedUp = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Optional<StoredSession> lookup(String id) {
            if (down) {
                throw new StoreUnavailableException("connection refused");
            }
            lookedUp.add(id);
            return Optional.empty();
        }

        @Override
        public TouchResult touchIfPresent(String id, Instant newExpiry) {
            return TouchResult.GONE;
        }

        @Override
        public void delete(String id) {
        }
    }

    @Dependent
    public static class StoreProducer {

        static final RecordingStore STORE = new RecordingStore();

        @Produces
        @ApplicationScoped
        SessionStore store() {
            return STORE;
        }
    }

    @Dependent
    public static class SecondStoreProducer {

        @Produces
        @ApplicationScoped
        SessionStore anotherStore() {
            return new RecordingStore();
        }
    }

    /** For the overhead measurement: the same method without interceptor, with an empty one, and with @Interaction. */
    @ApplicationScoped
    public static class Plain {
        public long next(long x) {
            return x + 1;
        }
    }

    @ApplicationScoped
    public static class WithEmptyInterceptor {
        @Empty
        public long next(long x) {
            return x + 1;
        }
    }

    @ApplicationScoped
    public static class WithInteraction {
        @Interaction(restart = "/authorize")
        public long next(long x) {
            return x + 1;
        }
    }

    @InterceptorBinding
    @Retention(RUNTIME)
    @Target({ METHOD, TYPE })
    public @interface Empty {
    }

    @Empty
    @Interceptor
    @Priority(Interaction.PRIORITY)
    public static class EmptyInterceptor {
        @AroundInvoke
        public Object proceed(InvocationContext invocation) throws Exception {
            return invocation.proceed();
        }
    }

    @SuppressWarnings("all")
    static final class InteractionLiteral extends AnnotationLiteral<Interaction> implements Interaction {
        private static final long serialVersionUID = 1L;

        @Override
        public String restart() {
            return "";
        }
    }
}
