package io.staleguard.it.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;

/**
 * Part of every test application: records the {@link SessionEnded} events Staleguard fires (E1), found through
 * {@code META-INF/services} as users register theirs. {@link EventLogServlet} shows them to the tests. A static list is
 * per deployment (each has its own class loader) and starts empty after a re-provisioning.
 */
public class EventLog implements SessionEndedListener {

    static final List<SessionEnded> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void sessionEnded(SessionEnded event) {
        EVENTS.add(event);
    }
}
