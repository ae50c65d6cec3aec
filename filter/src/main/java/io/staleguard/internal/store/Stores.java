package io.staleguard.internal.store;

import java.util.Optional;
import java.util.ServiceLoader;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.staleguard.internal.RollingSettings;
import io.staleguard.internal.ops.ContextAttributes;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigException;
import io.staleguard.spi.StoreLocator;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.ServletContext;

/**
 * Finds the application's {@link SessionStore} (S3), first that applies: a {@link StoreLocator} (the CDI module's
 * {@code SessionStore} bean); the servlet context attribute {@link SessionStore#ATTRIBUTE}; the {@code store} key
 * ({@code memory}, or {@code jdbc:<JNDI name>}); else none, which means container mode. A store created from the
 * {@code store} key is published as the context attribute, so that every filter, {@code Staleguard.logout} and the
 * application share one store; two in-memory stores in one application would each see half of the sessions.
 */
public final class Stores {

    private Stores() {
    }

    /**
     * @return the store, or null for container mode
     * @throws ConfigException if the context attribute is not a store, or {@code store} names no usable DataSource
     */
    public static SessionStore resolve(ServletContext context, ClassLoader applicationLoader, RollingSettings settings) {
        for (StoreLocator locator : ServiceLoader.load(StoreLocator.class, applicationLoader)) {
            Optional<SessionStore> found = locator.find(context);
            if (found.isPresent()) {
                return found.get();
            }
        }
        SessionStore published = published(context);
        if (published != null || settings.store == null) {
            return published;
        }
        // The JNDI look-up and the table check are I/O: they run before the check-and-publish. Two
        // filters starting at once may both build a store; the first one published is the one everybody uses.
        SessionStore created = settings.memoryStore() ? new InMemorySessionStore() : jdbc(settings);
        return ContextAttributes.setIfAbsent(context, SessionStore.ATTRIBUTE, created) ? created : published(context);
    }

    /** @return the store published as the context attribute, or null */
    private static SessionStore published(ServletContext context) {
        Object attribute = context.getAttribute(SessionStore.ATTRIBUTE);
        if (attribute == null || attribute instanceof SessionStore) {
            return (SessionStore) attribute;
        }
        throw new ConfigException(ConfigError.STORE_ATTRIBUTE_NOT_A_STORE.message("Staleguard configuration: the "
                + "servlet context attribute '" + SessionStore.ATTRIBUTE + "' holds a " + attribute.getClass().getName()
                + ", which is not a SessionStore. For example: servletContext.setAttribute(SessionStore.ATTRIBUTE,"
                + " new InMemorySessionStore())"));
    }

    private static SessionStore jdbc(RollingSettings settings) {
        String name = settings.jndiName();
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException e) {
            throw settings.store.invalid(ConfigError.STORE_NOT_A_DATA_SOURCE, "looking up '"
                    + Log.printable(name, 120) + "' in JNDI failed ("
                    + Log.printable(String.valueOf(e.getMessage()), 200) + ")", "jdbc:java:jboss/datasources/SessionsDS");
        }
        if (!(found instanceof DataSource dataSource)) {
            throw settings.store.invalid(ConfigError.STORE_NOT_A_DATA_SOURCE, "'" + Log.printable(name, 120) + "' is "
                    + (found == null ? "bound to nothing" : "a " + found.getClass().getName())
                    + ", not a javax.sql.DataSource", "jdbc:java:jboss/datasources/SessionsDS");
        }
        JdbcSessionStore store = new JdbcSessionStore(dataSource);
        try {
            store.checkTable();
        } catch (IllegalStateException e) {
            // The store's message starts with the id of what it found, which then starts the deployment's in place
            // of the id of a bad value.
            ConfigError error = ConfigError.startOf(e.getMessage()).orElse(ConfigError.INVALID_VALUE);
            throw settings.store.invalid(error, "the data source cannot be used as the session store: "
                    + error.strip(e.getMessage()), "jdbc:java:jboss/datasources/SessionsDS");
        } catch (StoreUnavailableException e) {
            Log.warn(LogId.STORE_UNAVAILABLE, "The session store could not be checked at start-up (%s); Staleguard "
                    + "starts anyway and treats the store as unavailable until it answers", e.getMessage());
        }
        return store;
    }
}
