package io.staleguard.internal.ops;

import java.util.function.Supplier;

import jakarta.servlet.ServletContext;

/**
 * Check-and-set of servlet context attributes, for the objects one application shares (its engine, store, counters,
 * "logged once" marks). The lock is this class's own, never the container's {@code ServletContext} (a container may
 * lock it itself), and it is held only for the attribute look-up and update: nothing that does I/O runs under it.
 */
public final class ContextAttributes {

    private static final Object LOCK = new Object();

    private ContextAttributes() {
    }

    /**
     * @param create makes the object when the context has none; it runs under the lock, so it must be cheap and do no
     *        I/O
     * @return the context's one instance, kept as the attribute {@code name}
     */
    static <T> T shared(ServletContext context, String name, Class<T> type, Supplier<T> create) {
        synchronized (LOCK) {
            Object existing = context.getAttribute(name);
            if (type.isInstance(existing)) {
                return type.cast(existing);
            }
            T created = create.get();
            context.setAttribute(name, created);
            return created;
        }
    }

    /** @return whether {@code value} was set, which it is only when the attribute {@code name} was unset */
    public static boolean setIfAbsent(ServletContext context, String name, Object value) {
        synchronized (LOCK) {
            if (context.getAttribute(name) != null) {
                return false;
            }
            context.setAttribute(name, value);
            return true;
        }
    }

    /** Removes the attribute {@code name} if it still holds {@code expected}. */
    public static void removeIfSame(ServletContext context, String name, Object expected) {
        synchronized (LOCK) {
            if (context.getAttribute(name) == expected) {
                context.removeAttribute(name);
            }
        }
    }
}
