package io.staleguard.internal.undertow;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.AttachmentKey;
import jakarta.servlet.http.HttpSession;

/**
 * Runs a request's security handlers again when they failed because another request invalidated the session between
 * Undertow finding it and Elytron reading it ({@code UT000010 Session is invalid}, thrown while Elytron restores the
 * caller's identity; about 0.2 % of calls that race a logout on WildFly 39). The next run finds no session, and the
 * request goes on as one with a stale session cookie, which is what it is.
 * <p>
 * At most twice more, and only while nothing can have happened yet: the application's filters and servlets have not
 * been reached (the inner handler {@link #applicationReached} marks the exchange when they are), and no byte of the
 * response has been sent. Everything before that point is the container's own bookkeeping, which it sets up afresh on
 * every run.
 */
final class InvalidatedSessionRetry implements HttpHandler {

    private static final AttachmentKey<Boolean> APPLICATION_REACHED = AttachmentKey.create(Boolean.class);
    private static final Logger LOGGER = System.getLogger("io.staleguard");
    /** The first run and at most two more: the session may still be on its way out when the second run starts. */
    private static final int RUNS = 3;

    private final HttpHandler next;

    InvalidatedSessionRetry(HttpHandler next) {
        this.next = next;
    }

    /** Wraps the handler that dispatches to the filter chain, marking each exchange that reaches it. */
    static HttpHandler applicationReached(HttpHandler dispatch) {
        return exchange -> {
            exchange.putAttachment(APPLICATION_REACHED, Boolean.TRUE);
            dispatch.handleRequest(exchange);
        };
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        for (int run = 1;; run++) {
            try {
                next.handleRequest(exchange);
                return;
            } catch (IllegalStateException e) {
                if (run == RUNS || !sessionInvalidated(e) || exchange.getAttachment(APPLICATION_REACHED) != null
                        || exchange.isResponseStarted()) {
                    throw e;
                }
                LOGGER.log(Level.DEBUG, "the request's session was invalidated while the container read it "
                        + "(UT000010); running its security handlers again");
                forget(exchange, e);
            }
        }
    }

    /**
     * Makes the next run look the session up afresh. Undertow keeps the session it found on the exchange and drops it
     * only once it sees it is invalid, which WildFly's session wrapper hides (it answers from a copy); invalidating
     * that wrapper, which names the very session Undertow just called invalid, marks it invalid for Undertow too.
     */
    private static void forget(HttpServerExchange exchange, IllegalStateException invalid) {
        ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (context == null) {
            return;
        }
        try {
            HttpSession kept = context.getOriginalRequest().getSession(false);
            if (kept != null && invalid.getMessage().endsWith(" " + kept.getId())) {
                kept.invalidate();
            }
        } catch (IllegalStateException alreadyGone) {
            // Undertow has marked its copy invalid before the session said it already is: the next run asks afresh.
        }
    }

    /** Undertow's {@code UT000010} (core) and {@code UT010022} (servlet): "Session is invalid". */
    static boolean sessionInvalidated(IllegalStateException e) {
        String message = e.getMessage();
        return message != null && (message.startsWith("UT000010") || message.startsWith("UT010022"));
    }
}
