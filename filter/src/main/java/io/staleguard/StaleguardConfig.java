package io.staleguard;

/**
 * The configuration keys of Staleguard, in one place.
 * <p>
 * Every key can be set, in this order of precedence:
 * <ol>
 * <li>as an {@code <init-param>} of the filter, under the plain key ({@code restart-url});</li>
 * <li>as a {@code <context-param>} named {@code staleguard.<key>} ({@code staleguard.restart-url}), shared by all
 * Staleguard filters of the application;</li>
 * <li>with the CDI module, as a MicroProfile Config property {@code staleguard.<key>};</li>
 * <li>else the default applies.</li>
 * </ol>
 * Values are read and validated once, when the filter starts. A bad value fails the deployment with a message that names
 * the key, shows the value and gives an example of a good one. Durations are ISO-8601 ({@code PT30S}, {@code P7D});
 * lists are comma separated; a blank value counts as not set.
 * <pre>
 * &lt;context-param&gt;
 *     &lt;param-name&gt;staleguard.cookies&lt;/param-name&gt;
 *     &lt;param-value&gt;_interaction;path=/app/interaction, _session*&lt;/param-value&gt;
 * &lt;/context-param&gt;
 * </pre>
 * The table in {@code docs/configuration.md} gives the default and an example for every key.
 *
 * @since 0.1
 */
public final class StaleguardConfig {

    /**
     * The session cookie, as a cookie spec {@code name[;path=/p][;domain=.d]}. Default: the container's
     * {@code SessionCookieConfig} (name {@code JSESSIONID}, path the context path, its domain if any).
     */
    public static final String SESSION_COOKIE = "session-cookie";

    /**
     * More cookies to expire on recovery: comma-separated specs {@code name[*][;path=/p][;domain=.d]}. A trailing
     * {@code *} covers name variants ({@code _session*}: {@code _session.sig}, {@code _session.legacy}); {@code path}
     * defaults to the context path; each {@code domain} adds one expiry header next to the host-only one. Default: none.
     */
    public static final String COOKIES = "cookies";

    /**
     * {@code true}, {@code false} or {@code auto} (Secure when the request is): the Secure attribute of cookies Staleguard
     * writes. Default {@code auto}. A rolling refresh also keeps Secure when the application set its session cookie
     * with it; behind a proxy that terminates TLS, set {@code true} so that expiries and refreshes before the
     * application has set the cookie on a node carry it too.
     */
    public static final String COOKIE_SECURE = "cookie-secure";

    /**
     * {@code Lax}, {@code Strict}, {@code None} or {@code omit}: the SameSite attribute of cookies Staleguard writes.
     * Default {@code Lax}. A rolling refresh uses the SameSite the application set its session cookie with, once it has
     * seen one on this node.
     */
    public static final String COOKIE_SAME_SITE = "cookie-same-site";

    /** Servlet url-patterns where a request with a dead session cookie is recovered before the application runs. Default: none. */
    public static final String INTERACTION_PATHS = "interaction-paths";

    /** Where a recovery sends the user when no better target is known: a path inside the application, such as {@code /login}. Default: none. */
    public static final String RESTART_URL = "restart-url";

    /** Servlet url-patterns of GET requests that start a flow ({@code /authorize}); they are remembered in a signed cookie and a recovery restarts there. Default: none. */
    public static final String RESTART_CAPTURE_PATHS = "restart-capture-paths";

    /** Comma-separated Base64 HMAC-SHA256 keys (32 bytes or more) for the restart cookie: the first signs, all verify. Default: a random key per start. */
    public static final String RESTART_KEYS = "restart-keys";

    /** Exception class names (matched along superclasses and causes) that mean "session gone", in addition to {@link SessionNotFoundException}. Default: {@code jakarta.faces.application.ViewExpiredException}. */
    public static final String STALE_EXCEPTIONS = "stale-exceptions";

    /** Exception class names that mean "store hiccup", never "session gone", in addition to {@link io.staleguard.store.StoreUnavailableException}. */
    public static final String TRANSIENT_EXCEPTIONS = "transient-exceptions";

    /** {@code retry-later} (503 with Retry-After) or {@code propagate}: what a transient failure becomes. Default {@code retry-later}. */
    public static final String ON_UNAVAILABLE = "on-unavailable";

    /** How long after one automatic restart a second one is refused and the user gets an explanation instead. Default {@code PT30S}. */
    public static final String RETRY_WINDOW = "retry-window";

    /** The request header a trusted SSO proxy puts the signed-in user's identity in, such as {@code X-Auth-Request-Email}. Default: none. */
    public static final String IDENTITY_HEADER = "identity-header";

    /** The session attribute holding the user's identity; default: {@code getRemoteUser()}. */
    public static final String IDENTITY_ATTRIBUTE = "identity-attribute";

    /**
     * Whether identities are compared ignoring case (after trimming), as e-mail addresses usually should be. Never a
     * pattern and never Unicode-normalised; a non-ASCII letter never folds into an ASCII one (the Kelvin sign U+212A is
     * not {@code k}). Default {@code true}.
     */
    public static final String IDENTITY_IGNORE_CASE = "identity-ignore-case";

    /** CIDR list of proxies whose identity header is believed. Default: loopback ({@code 127.0.0.0/8, ::1/128}). */
    public static final String TRUSTED_PROXIES = "trusted-proxies";

    /**
     * Whether {@link RollingSessionFilter} extends sessions on every request. Default {@code false}: the filter then
     * makes no store call and writes nothing. {@code true} needs a session store ({@link #STORE}).
     */
    public static final String ROLLING = "rolling";

    /** Servlet url-patterns that never roll the session (static assets), such as {@code /static/*, *.css}. Default: none. */
    public static final String ROLLING_EXCLUDE = "rolling-exclude";

    /** How long an untouched session lives; each rolling request extends it to now plus this. Default {@code PT30M}. */
    public static final String INACTIVITY = "inactivity";

    /**
     * How long a session lives at most, however active: no touch extends a record beyond its creation plus this.
     * Not shorter than {@link #INACTIVITY}. Default {@code PT12H}.
     */
    public static final String ABSOLUTE = "absolute";

    /**
     * The longest lifetime any session cookie may leave with, Staleguard's refreshed cookie or one the application
     * writes; a cookie never outlives its record either. Default {@code P7D}. Set explicitly, it also applies with
     * {@code rolling=false}: {@link RollingSessionFilter} then only clamps the session cookies the application writes.
     */
    public static final String MAX_COOKIE_AGE = "max-cookie-age";

    /**
     * Sessions this node touched less than this long ago are neither touched nor re-cookied, which saves store writes.
     * Shorter than {@link #INACTIVITY}, for example {@code PT1M}. Default: none (touch on every request).
     */
    public static final String TOUCH_INTERVAL = "touch-interval";

    /**
     * Where sessions live: {@code memory} (an {@link io.staleguard.store.InMemorySessionStore}, one node) or
     * {@code jdbc:<JNDI name of a DataSource>} (a {@link io.staleguard.store.JdbcSessionStore} on its default table,
     * checked at start-up), such as {@code jdbc:java:jboss/datasources/SessionsDS}. A {@code SessionStore} CDI bean or
     * the servlet context attribute {@link io.staleguard.store.SessionStore#ATTRIBUTE} take precedence. Default: the
     * container's {@code HttpSession} (no rolling). In store mode, set {@link #SESSION_COOKIE} to the application's
     * session cookie.
     */
    public static final String STORE = "store";

    /**
     * Context-param {@code staleguard.drop-in}: {@code false} switches off the filters that the jar's
     * {@code web-fragment.xml} registers. Default {@code true}. An application that registers
     * {@link StaleSessionFilter} or {@link RollingSessionFilter} itself (web.xml or {@code addFilter}) switches that
     * drop-in filter off automatically.
     */
    public static final String DROP_IN = "drop-in";

    private StaleguardConfig() {
    }
}
