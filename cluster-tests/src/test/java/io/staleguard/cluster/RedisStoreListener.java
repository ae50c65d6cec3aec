package io.staleguard.cluster;

import java.time.Duration;

import io.staleguard.redis.RedisSessionStore;
import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Deployed in the Redis variant of the application: builds the {@link RedisSessionStore} the README shows, from
 * context-params {@value #URI} and {@value #PREFIX}, publishes it as the servlet context attribute (S3) and closes it
 * when the application stops.
 */
@WebListener
public class RedisStoreListener implements ServletContextListener {

    static final String URI = "it.redis-uri";
    static final String PREFIX = "it.redis-prefix";

    private RedisSessionStore store;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        store = RedisSessionStore.builder(context.getInitParameter(URI)).keyPrefix(context.getInitParameter(PREFIX))
                .commandTimeout(Duration.ofMillis(500)).build();
        context.setAttribute(SessionStore.ATTRIBUTE, store);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        store.close();
    }
}
