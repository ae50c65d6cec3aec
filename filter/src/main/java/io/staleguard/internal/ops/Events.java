package io.staleguard.internal.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;
import jakarta.servlet.ServletContext;

/** Delivers {@link SessionEnded} to the ServiceLoader listeners and the context-attribute listener (E1). */
public final class Events {

    private final ServletContext context;
    private final List<SessionEndedListener> loaded;

    public Events(ServletContext context, ClassLoader applicationLoader) {
        this.context = context;
        List<SessionEndedListener> found = new ArrayList<>();
        ServiceLoader.load(SessionEndedListener.class, applicationLoader).forEach(found::add);
        this.loaded = List.copyOf(found);
    }

    public void fire(SessionEnded event) {
        for (SessionEndedListener listener : loaded) {
            deliver(listener, event);
        }
        Object attribute = context.getAttribute(SessionEndedListener.ATTRIBUTE);
        if (attribute instanceof SessionEndedListener listener) {
            deliver(listener, event);
        }
    }

    private static void deliver(SessionEndedListener listener, SessionEnded event) {
        try {
            listener.sessionEnded(event);
        } catch (RuntimeException e) {
            Log.warn(LogId.LISTENER_FAILED, e, "SessionEndedListener %s failed on %s; the response is not affected",
                    listener.getClass().getName(), event.reason());
        }
    }
}
