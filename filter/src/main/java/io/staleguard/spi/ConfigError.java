package io.staleguard.spi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one table of configuration error ids. Every configuration error that fails a deployment starts with one of
 * these ({@code SG0200 Staleguard configuration: …}), so that operators can grep and alert on it as on the log
 * messages' ids. The block is SG02xx: SG00xx belongs to the filter's log messages, SG01xx to the CDI module's. An id
 * names a rule, never a wording, and is never reused; {@code docs/operations.md} lists them, and a test keeps its table
 * generated from this one.
 * <p>
 * staleguard-redis uses the published API only, so it spells {@link #STORE_ARGUMENT}'s id out; its tests check that it
 * is this one.
 */
public enum ConfigError {

    /** SG0200: see {@link #meaning()}. */
    INVALID_VALUE("SG0200", "a configuration value breaks its key's rule. The message names where the value came from "
            + "(a filter's init-param, a `staleguard.*` context-param, a MicroProfile Config property), shows it, states "
            + "the rule and gives an example, such as `retry-window` that is not a duration or `restart-keys` shorter "
            + "than 32 bytes"),
    /** SG0201: see {@link #meaning()}. */
    ROLLING_WITHOUT_STORE("SG0201", "`rolling=true`, but the application has no session store: set `store`, or provide a "
            + "`SessionStore` CDI bean or the servlet context attribute `io.staleguard.store.SessionStore`"),
    /** SG0202: see {@link #meaning()}. */
    STORE_ATTRIBUTE_NOT_A_STORE("SG0202", "the servlet context attribute `io.staleguard.store.SessionStore` holds an "
            + "object that is not a `SessionStore`"),
    /** SG0203: see {@link #meaning()}. */
    AMBIGUOUS_STORE_BEANS("SG0203", "several CDI beans are `SessionStore`s and none is selected: keep one, or select one "
            + "with `@Alternative @Priority(1)`"),
    /** SG0204: see {@link #meaning()}. */
    UNREADABLE_MP_CONFIG("SG0204", "a `staleguard.*` MicroProfile Config property could not be read, for example an "
            + "unresolvable `${expression}`"),
    /** SG0205: see {@link #meaning()}. */
    INVALID_RESTART_TARGET("SG0205", "`@Interaction(restart = …)` on a class or method is not a valid restart target "
            + "(a CDI definition error, which fails the deployment)"),
    /** SG0210: see {@link #meaning()}. */
    STORE_NOT_A_DATA_SOURCE("SG0210", "`store=jdbc:<JNDI name>`: the JNDI look-up failed, or the name is not bound to a "
            + "`javax.sql.DataSource`"),
    /** SG0211: see {@link #meaning()}. */
    STORE_TABLE("SG0211", "the session store's data source answers, but the session table cannot be read: check that "
            + "the table and its columns exist as configured (the DDL is in [rolling-and-stores.md](rolling-and-stores.md))"),
    /** SG0212: see {@link #meaning()}. */
    STORE_TLS("SG0212", "the JDBC driver and the database server disagree about TLS (MariaDB Connector/J 3 and later "
            + "require it by default): enable TLS on the server, or set the driver's TLS property in the data source"),
    /** SG0213: see {@link #meaning()}. */
    STORE_AUTHENTICATION("SG0213", "the database refused the data source's user name or password"),
    /** SG0214: see {@link #meaning()}. */
    STORE_DATABASE("SG0214", "the database named in the data source's URL does not exist"),
    /** SG0215: see {@link #meaning()}. */
    STORE_DRIVER("SG0215", "no JDBC driver accepts the data source's URL: check its prefix and that the driver is "
            + "deployed with the data source"),
    /** SG0220: see {@link #meaning()}. */
    STORE_ARGUMENT("SG0220", "an argument the application gives a session store breaks its rule: "
            + "`JdbcSessionStore.Builder` (table and column names, `queryTimeout`), `InMemorySessionStore(maxSessions)`, "
            + "`RedisSessionStore.builder(uri)` and its `Builder` (`keyPrefix`, `commandTimeout`, `waitForReplicas`)");

    private final String id;
    private final String meaning;

    ConfigError(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    /** @return the id every message of this error starts with, such as {@code SG0200} */
    public String id() {
        return id;
    }

    /** @return what the error means, as {@code docs/operations.md} lists it (Markdown) */
    public String meaning() {
        return meaning;
    }

    /**
     * @param text the message
     * @return {@code text}, preceded by this error's id
     */
    public String message(String text) {
        return id + " " + text;
    }

    /**
     * @param message a message, or null
     * @return the error whose id starts {@code message} (a store's, when a deployment error wraps it)
     */
    public static Optional<ConfigError> startOf(String message) {
        return message == null ? Optional.empty()
                : Arrays.stream(values()).filter(e -> message.startsWith(e.id + " ")).findFirst();
    }

    /**
     * @param message a message, or null
     * @return {@code message} without this error's id in front, if it has it there
     */
    public String strip(String message) {
        return message != null && message.startsWith(id + " ") ? message.substring(id.length() + 1) : message;
    }
}
