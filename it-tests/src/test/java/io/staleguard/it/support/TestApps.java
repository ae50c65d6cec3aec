package io.staleguard.it.support;

import io.staleguard.SessionEndedListener;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What every test application has: the built staleguard-filter jar in WEB-INF/lib, the {@link EventLog}, and the
 * {@link LogMarkServlet} that {@link ServerLog} synchronises with.
 */
public final class TestApps {

    private TestApps() {
    }

    public static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsLibrary(StaleguardJar.get())
                .addClasses(EventLog.class, EventLogServlet.class, LogMarkServlet.class)
                .addAsServiceProvider(SessionEndedListener.class, EventLog.class);
    }
}
