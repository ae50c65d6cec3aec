package io.staleguard.it.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import io.staleguard.it.support.AppEvents;

/**
 * E1 from the client's side: what a deployment of {@link CdiApp} recorded since {@link #mark}, in both of its records,
 * the {@code SessionEndedListener} found through {@code META-INF/services} and the CDI observer {@link EndedSessions}.
 * Every read checks that the two saw the same events: each cleanup reaches each listener exactly once.
 */
public final class SessionEvents {

    private static final String CDI_EVENTS = "test/cdi-events";

    private final URL base;
    private final int listenerBefore;
    private final int cdiBefore;

    private SessionEvents(URL base, int listenerBefore, int cdiBefore) {
        this.base = base;
        this.listenerBefore = listenerBefore;
        this.cdiBefore = cdiBefore;
    }

    public static SessionEvents mark(URL base) throws IOException, InterruptedException {
        return new SessionEvents(base, AppEvents.of(base).size(), AppEvents.of(base, CDI_EVENTS).size());
    }

    /** The events since {@link #mark}, the same in both records. */
    public List<AppEvents.Ended> since() throws IOException, InterruptedException {
        List<AppEvents.Ended> listener = AppEvents.of(base);
        List<AppEvents.Ended> cdi = AppEvents.of(base, CDI_EVENTS);
        listener = listener.subList(listenerBefore, listener.size());
        cdi = cdi.subList(cdiBefore, cdi.size());
        assertEquals(listener, cdi, "the SessionEndedListener and the CDI observer must see the same events");
        return listener;
    }

    /**
     * Exactly one event since {@link #mark}, {@code NOT_FOUND} for {@code requestPath}, naming the session by a
     * 12-character hash, never by its id (E2).
     */
    public AppEvents.Ended assertOne(String requestPath, String staleSessionId)
            throws IOException, InterruptedException {
        List<AppEvents.Ended> events = since();
        assertEquals(1, events.size(), events::toString);
        AppEvents.Ended ended = events.get(0);
        assertEquals("NOT_FOUND", ended.reason(), ended::toString);
        assertEquals(requestPath, ended.requestPath(), ended::toString);
        assertTrue(ended.sessionIdHash().matches("[0-9a-f]{12}"), ended::toString);
        assertFalse(staleSessionId.contains(ended.sessionIdHash()), "a hash, not the id");
        return ended;
    }

    public void assertNone() throws IOException, InterruptedException {
        assertEquals(List.of(), since());
    }
}
