package io.staleguard.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.staleguard.EndReason;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.spi.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C3: every key as the MicroProfile Config property {@code staleguard.<key>}, below init-params and context-params,
 * read once when the engine starts and validated there. Exercised through the filter's real configuration reader, which
 * finds {@link MicroProfileConfigSource} by ServiceLoader as it does on a server.
 */
class MicroProfileConfigTest {

    private final Fixture app = new Fixture();
    private final FakeMicroProfileConfig mp = FakeMicroProfileConfig.install();

    @AfterEach
    void close() {
        app.close();
        mp.close();
    }

    private String restartTarget() {
        return app.engine.recoverDetached(app.request, EndReason.NOT_FOUND, null).headers("Location").get(0);
    }

    @ParameterizedTest(name = "C3 precedence: init-param={0}, context-param={1}, MicroProfile Config={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,       -,         -,    /app/",
            "-,       -,         /mp,  /app/mp",
            "-,       /context,  /mp,  /app/context",
            "/init,   /context,  /mp,  /app/init",
            "/init,   -,         /mp,  /app/init" })
    void precedence(String initParam, String contextParam, String mpValue, String expectedLocation) {
        if (initParam != null) {
            app.initParams.put("restart-url", initParam);
        }
        if (contextParam != null) {
            app.context.addInitParameter("staleguard.restart-url", contextParam);
        }
        if (mpValue != null) {
            mp.values.put("staleguard.restart-url", mpValue);
        }
        app.start();

        assertEquals(expectedLocation, restartTarget());
    }

    @Test
    @DisplayName("C3 values are read once, at start-up, through the application's class loader; later changes do nothing")
    void readOnceAtStartUp() throws Exception {
        ClassLoader applicationLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
        app.context.setClassLoader(applicationLoader);
        mp.values.put("staleguard.restart-url", "/first");
        app.start();
        assertEquals(1, mp.reads("staleguard.restart-url"));
        assertSame(applicationLoader, mp.askedFor);

        mp.values.put("staleguard.restart-url", "/second");
        for (int i = 0; i < 3; i++) {
            assertEquals("/app/first", restartTarget());
        }
        assertEquals(1, mp.reads("staleguard.restart-url"));
    }

    @Test
    @DisplayName("C3 a bad MicroProfile Config value fails start-up with a message naming the property, the value and an example")
    void badValueNamesTheProperty() {
        mp.values.put("staleguard.retry-window", "30s");

        ConfigException e = assertThrows(ConfigException.class, app::start);

        assertEquals("SG0200 Staleguard configuration: MicroProfile Config property 'staleguard.retry-window' is "
                + "'30s', but it must be an ISO-8601 duration greater than zero. For example: retry-window=PT30S",
                e.getMessage());
    }

    @Test
    @DisplayName("C3/B5 an unsafe restart-url from MicroProfile Config fails start-up, naming the property")
    void unsafeRestartUrlFromMicroProfileConfig() {
        mp.values.put("staleguard.restart-url", "//evil.example");

        ConfigException e = assertThrows(ConfigException.class, app::start);

        assertTrue(e.getMessage().startsWith("SG0200 Staleguard configuration: MicroProfile Config property "
                + "'staleguard.restart-url' is '//evil.example', but a restart target must be"), e.getMessage());
    }

    @Test
    @DisplayName("C3 a property MicroProfile Config cannot resolve fails start-up with a message naming it")
    void unresolvableProperty() {
        mp.unresolvable = "staleguard.cookies";

        ConfigException e = assertThrows(ConfigException.class, app::start);

        assertTrue(e.getMessage().startsWith("SG0204 Staleguard configuration: MicroProfile Config property "
                + "'staleguard.cookies' could not be read: SRCFG00011"), e.getMessage());
    }

    @Test
    @DisplayName("C3 without a MicroProfile Config implementation the defaults apply")
    void noImplementation() throws Exception {
        AutoCloseable none = FakeMicroProfileConfig.installNone();
        try {
            app.start();
            assertEquals("/app/", restartTarget());
        } finally {
            none.close();
        }
    }

    @Test
    @DisplayName("C3 every configuration key is read from MicroProfile Config as staleguard.<key>")
    void everyKeyIsReachable() {
        Set<String> keys = MpConfig.keys();
        // The catalogue of docs/configuration.md; a key added to the registry (ConfigKey) shows up here without further work.
        assertTrue(keys.containsAll(List.of("session-cookie", "cookies", "cookie-secure", "cookie-same-site",
                "interaction-paths", "restart-url", "restart-capture-paths", "restart-keys", "stale-exceptions",
                "transient-exceptions", "on-unavailable", "retry-window", "identity-header", "identity-attribute",
                "trusted-proxies", "rolling", "rolling-exclude", "inactivity", "absolute", "max-cookie-age",
                "touch-interval", "store")), keys.toString());
        ConfigReader reader = new ConfigReader(null, k -> null, k -> null, getClass().getClassLoader());
        for (String key : keys) {
            mp.values.put("staleguard." + key, "value-of-" + key);
            ConfigReader.Value value = reader.value(key);
            assertNotNull(value, key);
            assertEquals("value-of-" + key, value.raw());
            assertEquals("MicroProfile Config property 'staleguard." + key + "'", value.source());
        }
    }

    @Test
    @DisplayName("C3 a staleguard.* property that is no key (a typo) is reported at deployment; drop-in is context-param only")
    void unknownKeysAreReported() {
        mp.values.put("staleguard.retry-windw", "PT1M");
        mp.values.put("staleguard.restart-url", "/login");
        mp.values.put("staleguard.drop-in", "false");
        mp.values.put("other.library.key", "x");
        List<String> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger("io.staleguard");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            MpConfig.warnAboutUnknownKeys(getClass().getClassLoader());
        } finally {
            logger.removeHandler(capture);
        }

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("SG0104: MicroProfile Config property "
                + "'staleguard.retry-windw' is not a Staleguard key")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("SG0104: MicroProfile Config property "
                + "'staleguard.drop-in' has no effect")), warnings.toString());
    }
}
