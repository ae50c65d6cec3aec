package io.staleguard.cdi.internal;

import java.io.Serializable;

import io.staleguard.cdi.Interaction;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@link Interaction} interceptor (C1). Registered and enabled by {@link StaleguardExtension}, never discovered.
 * Serializable because beans of passivating scopes may be intercepted too.
 */
@Interaction
@Interceptor
@Priority(Interaction.PRIORITY)
public class InteractionInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Instance<HttpServletRequest> requests;

    /** A method that returns normally costs one {@code proceed()} and a try block: nothing is looked up or allocated. */
    @AroundInvoke
    public Object recoverStaleSession(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception thrown) {
            return InteractionRecovery.recover(invocation, thrown, this::currentRequest);
        }
    }

    /** The container's request bean, when this thread serves a request; null elsewhere (a timer, a message). */
    private HttpServletRequest currentRequest() {
        try {
            if (requests == null || !requests.isResolvable()) {
                return null;
            }
            HttpServletRequest request = requests.get();
            // The bean is a proxy that fails on use outside a request: find out here rather than halfway through.
            request.getServletContext();
            return request;
        } catch (RuntimeException notInARequest) {
            return null;
        }
    }
}
