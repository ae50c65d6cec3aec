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
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health readiness check {@value #NAME}: DOWN while the session store Staleguard uses cannot answer,
 * so that a load balancer takes the node out of rotation instead of sending it requests that would all get 503 or go
 * unguarded (T1, R4). Registered by {@link StaleguardExtension} as an {@code @ApplicationScoped} bean, only when the
 * MicroProfile Health API is there; this class is never loaded otherwise.
 * <p>
 * The store is the one the filters use (S3): a CDI bean of type {@link SessionStore}, else the servlet context
 * attribute, which the filters also set when they create the store from the {@code store} key (on the first request,
 * on servers that start filters lazily). With no store (container mode, or before that) the check is UP and says so.
 * The servlet context is the filters' own, whichever comes first: the one the container announces when the
 * application starts ({@code @Initialized(ApplicationScoped.class)}, whose payload is the {@code ServletContext} in a
 * web module on WildFly), or the one the filters pass when they look for a store bean ({@link CdiStoreLocator}, as they
 * start). Payara needs the second: it announces the application with a payload that is no {@code ServletContext}
 * (a Weld {@code ContextEvent}), once. The built-in {@code ServletContext} bean cannot be used: WildFly and Payara ask
 * the checks on a thread of their own, where that bean's request scope is not active (it threw
 * {@code ContextNotActiveException}, and WildFly showed the check DOWN under its proxy's name).
 * It asks the store for a session that never exists, on the primary ({@link SessionStore#lookupAuthoritative}): one
 * indexed read per probe. Data: {@code store} (the store's class) and, when DOWN, {@code error} (the exception's class,
 * never its message).
 * <p>
 * The class carries {@code @Readiness} itself, not only as added by the extension: Payara gives an application its
 * health service's CDI extension only when its deployment scan finds {@code @Readiness}, {@code @Liveness},
 * {@code @Startup} or {@code @Path} on a class of the archive; without it, a servlet application's
 * {@code /health/ready} listed no check at all ({@code "checks":[]}, 200 also while the store was down).
 * {@code @Readiness} is a qualifier, not a bean-defining annotation, so the jar's annotated bean archive does not
 * discover the class on its own.
 */
@Readiness
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

    /** @param filters the servlet context of the filters, whose attribute holds the store they created */
    public void watch(ServletContext filters) {
        context = filters;
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
