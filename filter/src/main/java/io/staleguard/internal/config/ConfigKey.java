package io.staleguard.internal.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.staleguard.StaleguardConfig;

/**
 * The one table of Staleguard's configuration keys: name, value type, default, example, what the key does, and the
 * version that added it. Parsers take their defaults and error-message examples from here, MicroProfile Config and
 * the unknown-key warnings take the list of keys from here, and {@code docs/configuration.md} is generated from it
 * (a test keeps the page identical). The names are {@link StaleguardConfig}'s constants, which stay compile-time
 * constants for {@code @WebInitParam}; a test checks that both list the same keys.
 */
public enum ConfigKey {

    SESSION_COOKIE(StaleguardConfig.SESSION_COOKIE, "cookie spec (one, no `*`)", null,
            "the container's `SessionCookieConfig` (`JSESSIONID` on the context path)", "SID;path=/;domain=.example.com",
            "the session cookie: the one detection reads, rolling refreshes and recovery expires. A refresh keeps the "
                    + "attributes the application set it with, as last seen on this node; until then the configured "
                    + "ones (see [rolling refreshes](#cookie-attributes-of-a-rolling-refresh))"),
    COOKIES(StaleguardConfig.COOKIES, "list of cookie specs", null, "none", "_interaction;path=/app/interaction, _session*",
            "further cookies that a recovery expires, on the path and domain they were set with (B3)"),
    COOKIE_SECURE(StaleguardConfig.COOKIE_SECURE, "`true`, `false`, `auto`", "auto", null, "true",
            "`Secure` on the cookies Staleguard writes; `auto` means when the request is secure, so set `true` behind "
                    + "a proxy that terminates TLS. A rolling refresh never drops `Secure`"),
    COOKIE_SAME_SITE(StaleguardConfig.COOKIE_SAME_SITE, "`Lax`, `Strict`, `None`, `omit`", "Lax", null, "Strict",
            "`SameSite` on the cookies Staleguard writes (`None` only together with `Secure`); a rolling refresh "
                    + "keeps the application's own value once this node has seen it (SG0012 when they differ)"),
    INTERACTION_PATHS(StaleguardConfig.INTERACTION_PATHS, "list of url-patterns", null, "none", "/interaction/*, /consent",
            "where a dead session cookie is recovered before the application runs (B2)"),
    RESTART_URL(StaleguardConfig.RESTART_URL, "path", null, "none", "/login",
            "where to restart when nothing better is known (B5)"),
    RESTART_CAPTURE_PATHS(StaleguardConfig.RESTART_CAPTURE_PATHS, "list of url-patterns", null, "none", "/authorize",
            "GET requests remembered, signed, as the place to restart (B7)"),
    RESTART_KEYS(StaleguardConfig.RESTART_KEYS, "list of Base64 keys, ≥ 32 bytes each", null,
            "a random key per start (logged as SG0008)", "<openssl rand -base64 32>, <previous key>",
            "HMAC-SHA256 keys of the restart cookie: the first signs, all verify; set it so restart cookies survive a "
                    + "redeploy and several nodes agree. A restart cookie is honoured for 12 h after signing, the newest "
                    + "one wins, and its name gets `__Host-` on HTTPS at the host root ([recovery](recovery.md)) (B7)"),
    STALE_EXCEPTIONS(StaleguardConfig.STALE_EXCEPTIONS, "list of class names",
            "jakarta.faces.application.ViewExpiredException", null, "com.example.InteractionGone",
            "more exceptions that mean \"session gone\", matched by name along superclasses and causes; "
                    + "`SessionNotFoundException` always counts (B1)"),
    TRANSIENT_EXCEPTIONS(StaleguardConfig.TRANSIENT_EXCEPTIONS, "list of class names",
            "java.sql.SQLTransientException, java.sql.SQLRecoverableException, java.net.SocketTimeoutException, "
                    + "java.util.concurrent.TimeoutException", null, "com.example.StoreDown",
            "exceptions that mean \"could not ask\", never stale; a value replaces the list; "
                    + "`StoreUnavailableException` always counts (T1)"),
    ON_UNAVAILABLE(StaleguardConfig.ON_UNAVAILABLE, "`retry-later`, `propagate`", "retry-later", null, "propagate",
            "what a transient failure becomes: a `503` with `Retry-After`, or the exception, for your error handling (T1)"),
    RETRY_WINDOW(StaleguardConfig.RETRY_WINDOW, "duration", "PT30S", null, "PT1M",
            "at most one automatic restart per window; a second gets the explanation page and SG0003, logged at most "
                    + "once a minute. The retry marker's value is its issue time, and it counts only within the window "
                    + "([security](security.md)) (B6)"),
    IDENTITY_HEADER(StaleguardConfig.IDENTITY_HEADER, "header name", null, "none", "X-Auth-Request-Email",
            "the header in which a trusted SSO proxy names the user; the proxy must set (replace) it, and several or "
                    + "blank values count as absent (SG0009) (I1, I5). Every call still carrying the ended session gets "
                    + "the same `401` within `retry-window` ([SSO proxies](sso-proxies.md)) (I6)"),
    IDENTITY_ATTRIBUTE(StaleguardConfig.IDENTITY_ATTRIBUTE, "session attribute name", null, "none: `getRemoteUser()`",
            "user.email", "where the session keeps its user's identity, to compare with the header"),
    IDENTITY_IGNORE_CASE(StaleguardConfig.IDENTITY_IGNORE_CASE, "boolean", "true", null, "false",
            "compare identities ignoring case (always trimmed, never a pattern) (I2)"),
    TRUSTED_PROXIES(StaleguardConfig.TRUSTED_PROXIES, "list of CIDR blocks", "127.0.0.0/8, ::1/128", null,
            "10.0.0.5/32, fd00::5/128",
            "the peers whose identity header is believed; addresses are parsed as literals, never sent to the name "
                    + "resolver (I3)"),
    ROLLING(StaleguardConfig.ROLLING, "boolean", "false", null, "true",
            "whether `RollingSessionFilter` extends sessions on each request (R1, R2)"),
    ROLLING_EXCLUDE(StaleguardConfig.ROLLING_EXCLUDE, "list of url-patterns", null, "none", "/static/*, *.css, *.js",
            "requests that never roll"),
    INACTIVITY(StaleguardConfig.INACTIVITY, "duration", "PT30M", null, "PT15M", "how long an untouched session lives"),
    ABSOLUTE(StaleguardConfig.ABSOLUTE, "duration, ≥ `inactivity`", "PT12H", null, "P1D",
            "the longest a session lives however active it is"),
    MAX_COOKIE_AGE(StaleguardConfig.MAX_COOKIE_AGE, "duration", "P7D", null, "PT12H",
            "the longest lifetime a session cookie leaves with; set explicitly, it also clamps the application's own "
                    + "session cookies with `rolling=false` (R6)"),
    TOUCH_INTERVAL(StaleguardConfig.TOUCH_INTERVAL, "duration, < `inactivity`", null, "none: touch on every request",
            "PT1M", "skip sessions this node touched this recently: fewer writes, no refreshed cookie (R7)"),
    STORE(StaleguardConfig.STORE, "`memory` or `jdbc:<JNDI name>`", null, "none: the container's `HttpSession`",
            "jdbc:java:jboss/datasources/SessionsDS",
            "where sessions live when no `SessionStore` bean or context attribute is given (S3); `jdbc:` is checked at "
                    + "start-up, `memory` suits one node (see [the stores](#the-store-key))"),
    DROP_IN(StaleguardConfig.DROP_IN, "boolean, context-param `staleguard.drop-in` only", "true", null, "false",
            "`false` switches off the jar's own registrations; each also steps aside by itself when the application "
                    + "registers the same filter or a subclass (`web.xml`, `addFilter`, a `@WebFilter` subclass), with "
                    + "one SG0005 line per deployment");

    /** Prefix of every context-param and MicroProfile Config property. */
    public static final String PREFIX = "staleguard.";

    private static final Map<String, ConfigKey> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConfigKey::key, Function.identity()));

    private final String key;
    private final String type;
    private final String defaultValue;
    private final String defaultText;
    private final String example;
    private final String doc;

    ConfigKey(String key, String type, String defaultValue, String defaultText, String example, String doc) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.example = example;
        this.doc = doc;
    }

    /** @return the key as an init-param names it, such as {@code restart-url} */
    public String key() {
        return key;
    }

    /** @return the context-param and MicroProfile Config name, such as {@code staleguard.restart-url} */
    public String property() {
        return PREFIX + key;
    }

    /** @return the value type, in the words of the manual */
    public String type() {
        return type;
    }

    /** @return the default as a value of this key, parsed like a configured one; null when the default is no value */
    public String defaultValue() {
        return defaultValue;
    }

    /** @return the default in the words of the manual */
    public String defaultText() {
        return defaultText != null ? defaultText : "`" + defaultValue + "`";
    }

    /** @return a good value, as the manual shows it */
    public String example() {
        return example;
    }

    /**
     * @return the good value a message about a bad one shows: the default where there is one (the value a reader
     *         most likely meant), else the example
     */
    public String errorExample() {
        return defaultValue != null ? defaultValue : example;
    }

    /** @return what the key does, in one line */
    public String doc() {
        return doc;
    }

    /** @return the version that added the key */
    public String since() {
        return "0.1";
    }

    /** Whether the key is read from the filters' sources; {@code drop-in} is a context-param only. */
    public boolean perFilter() {
        return this != DROP_IN;
    }

    /** @return the key named {@code key} (as an init-param names it) */
    public static Optional<ConfigKey> named(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }
}
