package io.staleguard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered through META-INF/services in the test resources: proves ServiceLoader delivery (E1). */
public class RecordingListener implements SessionEndedListener {

    static final List<SessionEnded> EVENTS = new CopyOnWriteArrayList<>();
    static volatile boolean failNext;

    @Override
    public void sessionEnded(SessionEnded event) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("listener bug");
        }
        EVENTS.add(event);
    }
}
