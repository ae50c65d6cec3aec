package io.staleguard.cdi.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.staleguard.internal.Classifier;
import io.staleguard.internal.ConfigException;
import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.Engine;
import io.staleguard.internal.Exchange;
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
        Exchange exchange = Exchange.current();
        HttpServletRequest request = exchange != null ? exchange.request() : cdiRequest.get();
        if (request == null) {
            throw thrown;
        }
        Engine engine = exchange != null ? exchange.engine() : engineFor(request, thrown);
        Classifier.Classification classification = engine.classify(thrown);
        if (classification.kind() != Classifier.Kind.STALE) {
            throw thrown;
        }
        Method method = invocation.getMethod();
        Object target = invocation.getTarget();
        String restart = InteractionBindings.restartFor(method,
                target != null ? target.getClass() : method.getDeclaringClass());

        if (Frameworks.JAX_RS && Frameworks.JAX_RS_RESPONSE.equals(method.getReturnType().getName())) {
            if (exchange == null || reset(exchange)) {
                Object response = JaxRsResponses.of(engine.recoverDetached(request, classification.reason(), restart));
                rollBackTransaction();
                return response;
            }
        } else if (exchange != null && (method.getReturnType() == void.class || !method.getReturnType().isPrimitive())) {
            boolean written;
            try {
                written = engine.recover(request, exchange.response(), classification.reason(), restart);
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
        if (restart != null && request.getAttribute(Engine.RESTART_OVERRIDE) == null) {
            request.setAttribute(Engine.RESTART_OVERRIDE, restart);
        }
        throw thrown;
    }

    /** What the exception would have done to a surrounding transaction, the recovery must do too. */
    private static void rollBackTransaction() {
        if (Frameworks.JTA) {
            Transactions.rollBackCurrent();
        }
    }

    /** Without the filter (a request it does not map), the context's engine: the filter's, or one from context-params. */
    private static Engine engineFor(HttpServletRequest request, Exception thrown) {
        try {
            return ApplicationRuntime.of(request.getServletContext()).contextEngine();
        } catch (ConfigException e) {
            e.addSuppressed(thrown);
            throw e;
        }
    }

    /**
     * B3 resets the response before recovering; the JAX-RS runtime writes the returned {@code Response} afterwards, so
     * whatever the request added before it failed (a fresh session cookie, the captured restart cookie) must go first.
     *
     * @return false when the response is already committed: the filter then recovers as well as it still can
     */
    private static boolean reset(Exchange exchange) {
        try {
            exchange.response().reset();
            return true;
        } catch (IllegalStateException committed) {
            return false;
        }
    }
}
