package io.staleguard.bench.e2e;

import java.time.Duration;
import java.time.Instant;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The guarded application's {@code GET /login}: also creates the session's record in the store that Staleguard made
 * from {@code staleguard.store=memory} and published as the context attribute {@link SessionStore#ATTRIBUTE}, so
 * that every later request carrying the cookie is rolled (touched and re-cookied) by {@code RollingSessionFilter}.
 */
public class E2eStoreLoginServlet extends E2eLoginServlet {

    private static final long serialVersionUID = 1L;

    /** The guarded WAR's {@code staleguard.inactivity} and {@code staleguard.absolute}, which are the defaults. */
    private static final Duration INACTIVITY = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(12);

    @Override
    protected void startSession(HttpServletRequest request, String id) {
        Object store = request.getServletContext().getAttribute(SessionStore.ATTRIBUTE);
        if (!(store instanceof SessionStore sessions)) {
            throw new IllegalStateException("No Staleguard session store in the servlet context attribute "
                    + SessionStore.ATTRIBUTE + " (found " + store + "); are the filters configured with store=memory?");
        }
        sessions.create(id, StoredSession.startingAt(Instant.now(), INACTIVITY, ABSOLUTE));
    }
}
