package io.staleguard.internal.ops;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The application's counters as the MBean {@code io.staleguard:type=Staleguard,context=<path>}, and its removal (E3). */
public final class Jmx {

    private Jmx() {
    }

    /** @return the name registered under, or null when another one holds it or JMX refused (logged as SG0006) */
    public static ObjectName register(Counters counters, String contextPath, String describedContext) {
        try {
            String path = contextPath.isEmpty() ? "/" : contextPath;
            ObjectName name = new ObjectName("io.staleguard:type=Staleguard,context=" + ObjectName.quote(path));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(name)) {
                server.registerMBean(counters, name);
                return name;
            }
        } catch (JMException | SecurityException | LinkageError e) {
            Log.warn(LogId.JMX_FAILED, "Staleguard counters for %s are not available through JMX: %s", describedContext, e);
        }
        return null;
    }

    /** @param name what {@link #register} returned; null does nothing */
    public static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | SecurityException e) {
            Log.warn(LogId.JMX_FAILED, "Could not unregister %s: %s", name, e);
        }
    }
}
