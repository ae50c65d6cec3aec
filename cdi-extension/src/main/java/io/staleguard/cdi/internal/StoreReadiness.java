package io.staleguard.cdi.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.staleguard.store.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The MicroProfile Health readiness check {@value #NAME}: DOWN while the session store Staleguard uses cannot answer,
 * so that a load balancer takes the node out of rotation instead of sending it requests that would all get 503 or go
 * unguarded (T1, R4). Registered by {@link StaleguardExtension} as an {@code @ApplicationScoped @Readiness} bean, only
 * when the MicroProfile Health API is there; this class is never loaded otherwise.
 * <p>
 * The store is the one the filters use (S3): a CDI bean of type {@link SessionStore}, else the servlet context
 * attribute, which the filters also set when they create the store from the {@code store} key (on the first request,
 * on servers that start filters lazily). With no store (container mode, or before that) the check is UP and says so.
 * The servlet context is the one the container announces when the application starts
 * ({@code @Initialized(ApplicationScoped.class)}, whose payload is the {@code ServletContext} in a web module), not the
 * built-in {@code ServletContext} bean: WildFly asks the checks on its management thread, where that bean's request
 * scope is not active (it threw {@code ContextNotActiveException}, and the check showed DOWN under its proxy's name).
 * It asks the store for a session that never exists, on the primary ({@link SessionStore#lookupAuthoritative}): one
 * indexed read per probe. Data: {@code store} (the store's class) and, when DOWN, {@code error} (the exception's class,
 * never its message).
 */
public class StoreReadiness implements HealthCheck {

    public static final String NAME = "staleguard-store";

    /** A valid id no session has: the lookup runs, and finds nothing. */
    static final String PROBE_ID = "staleguard-readiness-probe";

    @Inject
    Instance<SessionStore> beans;

    private volatile ServletContext context;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        context = started;
    }

    @Override
    public HealthCheckResponse call() {
        SessionStore store = store();
        Map<String, Object> data = new LinkedHashMap<>();
        if (store == null) {
            data.put("store", "none");
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        }
        data.put("store", store.getClass().getName());
        try {
            store.lookupAuthoritative(PROBE_ID);
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        } catch (RuntimeException unavailable) {
            // Transient or not, a store that throws here throws for every request.
            data.put("error", unavailable.getClass().getName());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
    }

    private SessionStore store() {
        if (beans.isResolvable()) {
            return beans.get();
        }
        ServletContext started = context;
        if (started == null) {
            return null;
        }
        Object attribute = started.getAttribute(SessionStore.ATTRIBUTE);
        return attribute instanceof SessionStore store ? store : null;
    }
}
