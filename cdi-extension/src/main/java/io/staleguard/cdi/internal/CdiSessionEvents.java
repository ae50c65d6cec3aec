package io.staleguard.cdi.internal;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;
import io.staleguard.spi.StaleguardLog;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * E1: delivers every {@link SessionEnded} as a CDI event, to {@code @Observes} and {@code @ObservesAsync} observers.
 * <p>
 * Found by the filter's engine through {@link java.util.ServiceLoader}, like any {@link SessionEndedListener}. Every
 * cleanup, whether the filter, {@code Staleguard.recover} or the {@code @Interaction} interceptor did it, goes through
 * that engine's single {@code fire}, so each observer sees each ended session exactly once. The engine makes its own
 * instance, so the bean manager remembered here is its application's: the first event is fired on one of that
 * application's request threads, where the lookup finds that application.
 */
public final class CdiSessionEvents implements SessionEndedListener {

    /** Once per application (each has its own copy of this class): every engine would say the same. */
    private static volatile boolean warned;

    private volatile BeanManager beanManager;

    @Override
    public void sessionEnded(SessionEnded ended) {
        BeanManager manager;
        try {
            manager = beanManager();
        } catch (NoClassDefFoundError noCdiApi) {
            warnOnce("the CDI API is not available to this application");
            return;
        }
        if (manager == null) {
            warnOnce("no CDI container serves this application");
            return;
        }
        Event<SessionEnded> event = manager.getEvent().select(SessionEnded.class);
        // Asynchronous observers first, so that a failing synchronous one cannot keep them from their event.
        event.fireAsync(ended).whenComplete((delivered, failure) -> {
            if (failure != null) {
                StaleguardLog.warn(CdiLog.ASYNC_OBSERVER_FAILED, failure,
                        "An @ObservesAsync SessionEnded observer failed on %s", ended.reason());
            }
        });
        event.fire(ended);
    }

    private BeanManager beanManager() {
        BeanManager manager = beanManager;
        if (manager == null) {
            manager = BeanManagers.find(null);
            beanManager = manager;
        }
        return manager;
    }

    private static void warnOnce(String why) {
        if (!warned) {
            warned = true;
            StaleguardLog.warn(CdiLog.NO_BEAN_MANAGER, "SessionEnded is not fired as a CDI event: %s. SessionEndedListeners still "
                    + "get it; remove staleguard-cdi.jar where there is no CDI.", why);
        }
    }
}
