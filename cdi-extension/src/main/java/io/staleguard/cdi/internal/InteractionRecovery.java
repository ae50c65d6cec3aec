package io.staleguard.cdi.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.staleguard.EndReason;
import io.staleguard.spi.Recovery;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What {@link InteractionInterceptor} does once the method threw (C1). Kept apart from the interceptor so that the
 * decision can be tested with a plain {@link InvocationContext}, and so that the path of a method that returns
 * normally holds nothing but {@code proceed()}.
 */
final class InteractionRecovery {

    private InteractionRecovery() {
    }

    /**
     * Classifies {@code thrown} exactly as the filter does (B1, T1) and, for a stale session, recovers where the caller
     * cannot get in the way:
     * <ol>
     * <li>a method declared to return a JAX-RS {@code Response} gets the recovery as its return value;</li>
     * <li>with the filter's exchange on this thread, the recovery is written to the servlet response and the method
     * returns {@code null}, unless its return type is primitive;</li>
     * <li>otherwise the exception goes on to the filter, which recovers with this binding's restart target.</li>
     * </ol>
     * Transient and unrelated exceptions are rethrown as they are, with nothing touched. When the method's exception
     * becomes a return value, an active transaction on this thread is marked rollback-only, as the exception would have
     * had it.
     *
     * @param cdiRequest the current request from CDI, or null outside a request; asked only when the filter did not bind
     *        an exchange
     * @return the value the intercepted method returns instead of throwing
     * @throws Exception {@code thrown}, whenever Staleguard does not answer in its place
     */
    static Object recover(InvocationContext invocation, Exception thrown, Supplier<HttpServletRequest> cdiRequest)
            throws Exception {
        Recovery recovery = current(cdiRequest, thrown);
        if (recovery == null) {
            throw thrown;
        }
        EndReason reason = recovery.staleReason(thrown).orElse(null);
        if (reason == null) {
            throw thrown;
        }
        Method method = invocation.getMethod();
        Object target = invocation.getTarget();
        String restart = InteractionBindings.restartFor(method,
                target != null ? target.getClass() : method.getDeclaringClass());

        if (Frameworks.JAX_RS && Frameworks.JAX_RS_RESPONSE.equals(method.getReturnType().getName())) {
            // B3 resets the response before recovering; the JAX-RS runtime writes the returned Response afterwards, so
            // whatever the request added before it failed (a fresh session cookie, the captured restart cookie) goes.
            if (recovery.resetResponse()) {
                Object response = JaxRsResponses.of(recovery.answer(reason, restart));
                rollBackTransaction();
                return response;
            }
        } else if (recovery.insideFilter()
                && (method.getReturnType() == void.class || !method.getReturnType().isPrimitive())) {
            boolean written;
            try {
                written = recovery.respond(reason, restart);
            } catch (IOException writeFailed) {
                // The session is ended and the event fired; the filter answers what is left of the exchange.
                thrown.addSuppressed(writeFailed);
                throw thrown;
            }
            if (written) {
                if (Frameworks.FACES) {
                    FacesSupport.responseComplete();
                }
                rollBackTransaction();
                return null;
            }
        }
        // The innermost @Interaction names the step that failed, so an outer one does not replace its target.
        if (restart != null) {
            recovery.restartAt(restart);
        }
        throw thrown;
    }

    /**
     * Without the filter (a request it does not map), the application's recovery from context-level configuration.
     *
     * @return the recovery of the current request, or null outside a request
     * @throws IllegalArgumentException if that configuration is invalid, with {@code thrown} suppressed in it
     */
    private static Recovery current(Supplier<HttpServletRequest> cdiRequest, Exception thrown) {
        try {
            return Recovery.current(cdiRequest).orElse(null);
        } catch (IllegalArgumentException badConfiguration) {
            badConfiguration.addSuppressed(thrown);
            throw badConfiguration;
        }
    }

    /** What the exception would have done to a surrounding transaction, the recovery must do too. */
    private static void rollBackTransaction() {
        if (Frameworks.JTA) {
            Transactions.rollBackCurrent();
        }
    }
}
