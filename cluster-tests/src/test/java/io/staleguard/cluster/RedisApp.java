package io.staleguard.cluster;

import java.io.File;
import java.util.Map;

import io.staleguard.it.rolling.RollingApp;
import io.staleguard.redis.RedisSessionStore;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The incident 2 application ({@link RollingApp}) on {@link RedisSessionStore}: {@link RedisStoreListener} publishes
 * the store; {@code WEB-INF/lib} carries staleguard-redis and Lettuce with what it brings (Netty, Reactor), taken from
 * the test class path.
 */
final class RedisApp {

    private RedisApp() {
    }

    static WebArchive war(String name, String uri, String prefix) {
        return withStore(RollingApp.war(name, RollingApp.Store.APPLICATION, "", params(uri, prefix)));
    }

    /** The context-params of {@link RedisStoreListener}. */
    static Map<String, String> params(String uri, String prefix) {
        return Map.of(RedisStoreListener.URI, uri, RedisStoreListener.PREFIX, prefix);
    }

    /** Adds the listener that publishes the store and the libraries it needs to {@code war}. */
    static WebArchive withStore(WebArchive war) {
        war.addClasses(RedisStoreListener.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "staleguard-redis.jar")
                        .addPackage(RedisSessionStore.class.getPackage()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (file.endsWith(".jar") && (file.startsWith("lettuce-core-") || file.startsWith("netty-")
                    || file.startsWith("reactor-core-") || file.startsWith("reactive-streams-"))) {
                war.addAsLibrary(new File(entry));
            }
        }
        return war;
    }
}
