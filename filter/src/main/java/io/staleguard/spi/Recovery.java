package io.staleguard.spi;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.staleguard.EndReason;
import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.Engine;
import io.staleguard.internal.RequestState;
import io.staleguard.internal.http.RecoveryResponse;
import io.staleguard.internal.recovery.Classifier;
import io.staleguard.internal.recovery.RestartTargets;
import io.staleguard.internal.rolling.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Staleguard's recovery of one request, for modules that catch a stale session where the application throws it
 * rather than in the filter: the CDI module's {@code @Interaction} interceptor. Applications do not need it: they
 * throw, or call {@link io.staleguard.Staleguard#recover}.
 * <p>
 * A failure is classified exactly as the filter classifies it, with the same configuration, and a session is ended,
 * announced and deleted once however many callers recover it.
 *
 * @since 0.1
 */
public final class Recovery {

    private final Engine engine;
    private final HttpServletRequest request;
    /** The filter's response, or null when no Staleguard filter serves this request on this thread. */
    private final HttpServletResponse response;

    /**
     * A complete response to send in place of the failed call's: status, headers in the order they are sent
     * ({@code Set-Cookie} once per cookie), content type with charset, and body.
     *
     * @param status the HTTP status
     * @param headers the headers, in order, repeatable
     * @param contentType the media type with its charset
     * @param body the body
     */
    public record Answer(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {

        /**
         * Keeps an unmodifiable copy of {@code headers}.
         *
         * @param status the HTTP status
         * @param headers the headers, in order, repeatable
         * @param contentType the media type with its charset
         * @param body the body
         */
        public Answer {
            headers = List.copyOf(headers);
        }
    }

    private Recovery(Engine engine, HttpServletRequest request, HttpServletResponse response) {
        this.engine = engine;
        this.request = request;
        this.response = response;
    }

    /**
     * @param outsideFilter the current request when no Staleguard filter serves this thread (for example CDI's
     *        request), asked only then; it may supply null
     * @return the recovery of the request this thread serves, or empty outside any request
     * @throws IllegalArgumentException if no filter serves the request and the application's context-level
     *         configuration is invalid; the message names the key and the value
     */
    public static Optional<Recovery> current(Supplier<HttpServletRequest> outsideFilter) {
        Exchange exchange = Exchange.current();
        if (exchange != null) {
            return Optional.of(new Recovery(exchange.engine(), exchange.request(), exchange.response()));
        }
        HttpServletRequest request = outsideFilter.get();
        if (request == null) {
            return Optional.empty();
        }
        Engine engine = ApplicationRuntime.of(request.getServletContext()).contextEngine();
        return Optional.of(new Recovery(engine, request, null));
    }

    /**
     * @param thrown what the intercepted call threw
     * @return why {@code thrown} means the session is stale, or empty when it does not: a store outage or timeout
     *         (never a stale session) and unrelated exceptions must go on unchanged
     */
    public Optional<EndReason> staleReason(Throwable thrown) {
        Classifier.Classification c = engine.classify(thrown);
        return c.kind() == Classifier.Kind.STALE ? Optional.of(c.reason()) : Optional.empty();
    }

    /** @return whether a Staleguard filter serves this request on this thread, so {@link #respond} can write */
    public boolean insideFilter() {
        return response != null;
    }

    /**
     * Ends the session (invalidation, store record, one event) and returns the recovery for the caller to send, for
     * callers that answer with a value of their own, such as a JAX-RS {@code Response}.
     *
     * @param reason why the session ended, from {@link #staleReason}
     * @param restart a context-relative restart target chosen by the application, or null for the configured one
     * @return the response to send instead of the failed call's
     */
    public Answer answer(EndReason reason, String restart) {
        RecoveryResponse planned = engine.recoverDetached(request, reason, restart);
        return new Answer(planned.status(), planned.headers(), planned.contentType(), planned.body());
    }

    /**
     * Ends the session and writes the recovery to the filter's response, as the filter would.
     *
     * @param reason why the session ended, from {@link #staleReason}
     * @param restart a context-relative restart target chosen by the application, or null for the configured one
     * @return whether the recovery was written; false when the response was already committed (the session is
     *         ended and announced all the same, and the caller should let the exception go on)
     * @throws IOException if writing the response failed; the session is ended and announced all the same
     * @throws IllegalStateException if no filter serves this request ({@link #insideFilter()} is false)
     */
    public boolean respond(EndReason reason, String restart) throws IOException {
        if (response == null) {
            throw new IllegalStateException("No Staleguard filter serves this request: use answer(...) instead");
        }
        return engine.recover(request, response, reason, restart);
    }

    /**
     * Clears whatever the request added to the filter's response before it failed (a fresh session cookie, a captured
     * restart cookie), before an {@link #answer} is sent through another channel.
     *
     * @return false when the response is committed or no filter serves this request
     */
    public boolean resetResponse() {
        if (response == null) {
            return true;
        }
        try {
            response.reset();
            return true;
        } catch (IllegalStateException committed) {
            return false;
        }
    }

    /**
     * Checks a restart target an application declares (an {@code @Interaction(restart)} value) by the rule every
     * {@code Location} Staleguard sends passes (B5): context-relative, no scheme, host, backslash or control character.
     *
     * @param target the declared target, such as {@code /checkout/start}
     * @return what is wrong with {@code target}, as a rule a message can state, or null when it is a valid target
     */
    public static String problemWithRestartTarget(String target) {
        return RestartTargets.problemWithConfigured(target);
    }

    /**
     * Tells the filter, which recovers when the exception reaches it, where this request's flow restarts. The first
     * call of a request wins, so the innermost failing step, which reports first, names the target.
     *
     * @param restart a context-relative restart target
     */
    public void restartAt(String restart) {
        RequestState.restartOverride(request, Objects.requireNonNull(restart, "restart"));
    }
}
