package io.staleguard.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.management.ObjectName;

import io.staleguard.internal.config.ConfigKey;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.ops.ContextAttributes;
import io.staleguard.internal.ops.Counters;
import io.staleguard.internal.ops.Events;
import io.staleguard.internal.ops.Jmx;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.recovery.RestartCookie;
import io.staleguard.internal.rolling.RollingMode;
import io.staleguard.internal.store.Stores;
import io.staleguard.spi.ConfigException;
import io.staleguard.spi.ExternalConfig;
import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;

/**
 * Staleguard's one runtime per application ({@code ServletContext}), created by whichever comes first: the
 * {@link StartupCheck} listener, a filter's {@code init}, or a static {@code Staleguard} call (the CDI interceptor
 * included). It owns what the whole application shares: the clock, the counters and their MBean, the event listeners,
 * the warning throttles, the sessions ended within the retry window, the external configuration sources, and the
 * restart key generated when none is configured. It is closed on {@code contextDestroyed} by the listener, or, where
 * the listener does not run, when the last filter that uses it is destroyed.
 * <p>
 * Configuration is parsed and validated once per distinct set of Staleguard init-params: the drop-in
 * {@code StaleSessionFilter}, the drop-in {@code RollingSessionFilter} and a static call (context-level configuration
 * only, no init-params) share one {@link Engine}; a registration with init-params of its own gets an engine for them,
 * parsed once, by the listener at start-up when it runs.
 */
public final class ApplicationRuntime implements AutoCloseable {

    /** The context attribute holding the application's runtime. */
    static final String ATTRIBUTE = ApplicationRuntime.class.getName();

    private final ServletContext context;
    private final ClassLoader applicationLoader;
    private final List<ExternalConfig> externalConfig;
    /** Signs restart cookies for every engine when {@code restart-keys} is not set, so they verify across engines. */
    private final RestartCookie generatedRestartCookie = RestartCookie.fromKeys(null);
    private final ApplicationState state;
    /** Parsed configuration by the Staleguard init-params that produced it; the empty map is context-level. */
    private final Map<Map<String, String>, Configuration> configurations = new ConcurrentHashMap<>();
    private final Map<Map<String, String>, Engine> engines = new ConcurrentHashMap<>();
    /** The engine of the first filter that attached: static calls made outside any filter use it. */
    private final AtomicReference<Engine> firstAttached = new AtomicReference<>();
    private volatile boolean closedByListener;
    /** Guards {@link #owners} and {@link #registeredAs}; nothing under it does I/O. */
    private final Object ownership = new Object();
    private int owners;
    private ObjectName registeredAs;

    /** An application's settings, parsed and validated together. */
    record Configuration(Settings settings, RollingSettings rolling) {

        /** @return what a {@code RollingSessionFilter} with this configuration does */
        RollingMode rollingMode() {
            if (rolling.rolling) {
                return RollingMode.ROLLING;
            }
            return rolling.maxCookieAgeSet ? RollingMode.CAP_ONLY : RollingMode.OFF;
        }
    }

    private ApplicationRuntime(ServletContext context) {
        this.context = context;
        this.applicationLoader = applicationLoader(context);
        this.externalConfig = ConfigReader.loadExternal(applicationLoader);
        this.state = new ApplicationState(new Events(context, applicationLoader));
    }

    /** @return the application's runtime, created now if nothing created it before */
    public static ApplicationRuntime of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof ApplicationRuntime existing) {
            return existing;
        }
        // Built outside any lock (the service look-ups read the class path); of two racing, the first published wins.
        ApplicationRuntime created = new ApplicationRuntime(context);
        ContextAttributes.setIfAbsent(context, ATTRIBUTE, created);
        return context.getAttribute(ATTRIBUTE) instanceof ApplicationRuntime published ? published : created;
    }

    /** The start-up listener runs in this application: it closes the runtime on {@code contextDestroyed}. */
    void closedByListener() {
        closedByListener = true;
    }

    /**
     * The configuration for a registration's init-params, parsed and validated the first time it is asked for.
     *
     * @param filterName the registration's name for messages, or null for context-level configuration
     * @throws ConfigException if a value is invalid
     */
    Configuration configuration(String filterName, Function<String, String> initParams) {
        Map<String, String> key = staleguardParams(initParams);
        Configuration parsed = configurations.get(key);
        if (parsed != null) {
            return parsed;
        }
        ConfigReader config = new ConfigReader(key.isEmpty() ? null : filterName, key::get, context::getInitParameter,
                externalConfig, applicationLoader);
        parsed = new Configuration(Settings.read(context, config, generatedRestartCookie), RollingSettings.read(config));
        Configuration raced = configurations.putIfAbsent(key, parsed);
        return raced != null ? raced : parsed;
    }

    /**
     * @return what a {@code RollingSessionFilter} with these init-params does
     * @throws ConfigException if a value is invalid
     */
    public RollingMode rollingMode(String filterName, Function<String, String> initParams) {
        return configuration(filterName, initParams).rollingMode();
    }

    /**
     * The engine for a filter registration, which from now on keeps this runtime open until it calls
     * {@link #release()}.
     *
     * @throws ConfigException if a value is invalid or the configured session store cannot be used
     */
    public Engine attach(String filterName, Function<String, String> initParams) {
        Engine engine = engine(filterName, initParams);
        synchronized (ownership) {
            owners++;
        }
        firstAttached.compareAndSet(null, engine);
        registerMBean();
        return engine;
    }

    /**
     * A filter registration that {@link #attach attached} is destroyed: the last one closes an unlistened runtime.
     *
     * @param runtime what the registration attached to, or null when it never did (a drop-in that yielded)
     */
    public static void release(ApplicationRuntime runtime) {
        if (runtime != null) {
            runtime.release();
        }
    }

    private void release() {
        boolean last;
        synchronized (ownership) {
            last = --owners == 0;
        }
        if (last && !closedByListener) {
            close();
        }
    }

    /**
     * @return the engine static calls and the CDI interceptor use outside a filter: the first attached filter's, else
     *         the one for context-level configuration
     * @throws ConfigException if a context-level value is invalid or the configured session store cannot be used
     */
    public Engine contextEngine() {
        Engine attached = firstAttached.get();
        if (attached != null) {
            return attached;
        }
        Engine engine = engine(null, name -> null);
        if (closedByListener) {
            registerMBean();
        } else if (Log.once(context, LogId.JMX_FAILED)) {
            Log.info(LogId.JMX_FAILED, "Staleguard counters for %s are not registered in JMX: no Staleguard "
                    + "filter and no io.staleguard.internal.StartupCheck listener runs in this application, so "
                    + "nothing would unregister them when it is undeployed.", describe(context));
        }
        return engine;
    }

    /**
     * The engine for a registration's init-params, created (its store looked up) the first time it is asked for.
     * Asking does not keep the runtime open; {@link #attach} does.
     *
     * @throws ConfigException if a value is invalid or the configured session store cannot be used
     */
    public Engine engine(String filterName, Function<String, String> initParams) {
        Map<String, String> key = staleguardParams(initParams);
        Engine existing = engines.get(key);
        if (existing != null) {
            return existing;
        }
        Configuration configuration = configuration(filterName, initParams);
        // The store look-up may be I/O (JNDI, the table check): outside any lock; of two racing, the first one wins.
        SessionStore store = Stores.resolve(context, applicationLoader, configuration.rolling());
        Engine raced = engines.putIfAbsent(key, new Engine(state, configuration.settings(), configuration.rolling(),
                store));
        Engine engine = engines.get(key);
        if (raced == null) {
            logStarted(configuration, store);
        }
        return engine;
    }

    private void logStarted(Configuration configuration, SessionStore store) {
        Settings settings = configuration.settings();
        if (settings.restartCookie.isGenerated() && !settings.restartCapturePaths.isEmpty()
                && Log.once(context, LogId.RANDOM_RESTART_KEY)) {
            Log.info(LogId.RANDOM_RESTART_KEY, "No restart-keys configured for %s: restart cookies are signed with a key "
                    + "generated at start-up and will not verify after a redeploy. Set restart-keys to keep flows "
                    + "restartable across redeploys.", describe(context));
        }
        if (Log.once(context, LogId.STARTED)) {
            Log.info(LogId.STARTED, "Staleguard started for %s (%s, %s, session store: %s)", describe(context), settings,
                    configuration.rolling(), store == null ? "the container's HttpSession" : store);
        }
    }

    /** @return the init-params that are Staleguard keys, trimmed, blank ones left out: what configures an engine */
    private static Map<String, String> staleguardParams(Function<String, String> initParams) {
        Map<String, String> params = new TreeMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            String value = key.perFilter() ? initParams.apply(key.key()) : null;
            if (value != null && !value.isBlank()) {
                params.put(key.key(), value.trim());
            }
        }
        return params.isEmpty() ? Map.of() : Map.copyOf(params);
    }

    private void registerMBean() {
        synchronized (ownership) {
            if (registeredAs == null && context.getAttribute(ATTRIBUTE) == this) {
                registeredAs = Jmx.register(state.counters(), context.getContextPath(), describe(context));
            }
        }
    }

    /** For tests: how many engines the application's configurations needed. */
    int engines() {
        return engines.size();
    }

    /** For tests: a clock that moves when the test says, for every engine of the application. */
    public void clock(Clock clock) {
        state.clock(clock);
    }

    public Counters counters() {
        return state.counters();
    }

    static ClassLoader applicationLoader(ServletContext context) {
        try {
            return context.getClassLoader();
        } catch (UnsupportedOperationException | SecurityException e) {
            return Thread.currentThread().getContextClassLoader();
        }
    }

    static String describe(ServletContext context) {
        return context.getContextPath().isEmpty() ? "the root context" : "context " + context.getContextPath();
    }

    /** Unpublishes the runtime and unregisters its MBean, so nothing keeps the application's class loader; idempotent. */
    @Override
    public void close() {
        ContextAttributes.removeIfSame(context, ATTRIBUTE, this);
        ObjectName registered;
        synchronized (ownership) {
            registered = registeredAs;
            registeredAs = null;
        }
        Jmx.unregister(registered);
        engines.clear();
        configurations.clear();
        firstAttached.set(null);
    }
}
