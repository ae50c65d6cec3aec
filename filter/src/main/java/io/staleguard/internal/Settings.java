package io.staleguard.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.config.ConfigKey;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.config.CookieSameSite;
import io.staleguard.internal.config.CookieSecure;
import io.staleguard.internal.config.OnUnavailable;
import io.staleguard.internal.config.UrlPatterns;
import io.staleguard.internal.http.CookieSpec;
import io.staleguard.internal.identity.Identity;
import io.staleguard.internal.recovery.Classifier;
import io.staleguard.internal.recovery.RestartCookie;
import io.staleguard.internal.recovery.RestartTargets;
import io.staleguard.spi.ConfigException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The recovery settings of one application, parsed and validated once at start-up (C3). Immutable.
 */
public final class Settings {

    public final String contextPath;
    public final CookieSpec sessionCookie;
    /** The session cookie first, then the configured ones. */
    public final List<CookieSpec> cookies;
    public final CookieSecure cookieSecure;
    /** {@code Lax}, {@code Strict}, {@code None}, or null to omit. */
    public final String sameSite;
    public final UrlPatterns interactionPaths;
    public final UrlPatterns restartCapturePaths;
    /** The configured restart target with the context path in front, or null. */
    public final String restartUrl;
    public final RestartCookie restartCookie;
    public final Classifier classifier;
    public final Duration retryWindow;
    /** T1: answer transient failures with 503 + Retry-After (true) or let them propagate (false). */
    public final boolean retryLater;
    /** The trusted identity header check, or null when none is configured. */
    public final Identity identity;

    private Settings(ServletContext context, ConfigReader config, RestartCookie generatedRestartCookie) {
        contextPath = context.getContextPath();
        String defaultPath = contextPath.isEmpty() ? "/" : contextPath;

        cookies = cookieSpecs(context, config, defaultPath);
        sessionCookie = cookies.get(0);

        cookieSecure = config.choice(ConfigKey.COOKIE_SECURE, CookieSecure.class);
        CookieSameSite sameSiteValue = config.choice(ConfigKey.COOKIE_SAME_SITE, CookieSameSite.class);
        if (sameSiteValue == CookieSameSite.NONE && cookieSecure == CookieSecure.FALSE) {
            throw config.value(ConfigKey.COOKIE_SAME_SITE).invalid(
                    "browsers drop SameSite=None cookies that are not Secure, and cookie-secure is false",
                    ConfigKey.COOKIE_SAME_SITE.errorExample());
        }
        sameSite = sameSiteValue.attribute();

        interactionPaths = UrlPatterns.parse(config.value(ConfigKey.INTERACTION_PATHS));
        restartCapturePaths = UrlPatterns.parse(config.value(ConfigKey.RESTART_CAPTURE_PATHS));

        ConfigReader.Value restart = config.value(ConfigKey.RESTART_URL);
        if (restart != null) {
            String problem = RestartTargets.problemWithConfigured(restart.raw());
            if (problem != null) {
                throw restart.invalid(problem, "/login");
            }
            restartUrl = contextPath + restart.raw();
        } else {
            restartUrl = null;
        }
        ConfigReader.Value keys = config.secretValue(ConfigKey.RESTART_KEYS);
        restartCookie = keys == null ? generatedRestartCookie : RestartCookie.fromKeys(keys);

        classifier = new Classifier(
                Classifier.classNames(config.valueOrDefault(ConfigKey.STALE_EXCEPTIONS)),
                Classifier.classNames(config.valueOrDefault(ConfigKey.TRANSIENT_EXCEPTIONS)));
        retryWindow = config.duration(ConfigKey.RETRY_WINDOW);
        identity = Identity.read(config);
        retryLater = config.choice(ConfigKey.ON_UNAVAILABLE, OnUnavailable.class) == OnUnavailable.RETRY_LATER;
    }

    /**
     * @param generatedRestartCookie signs restart cookies when {@code restart-keys} is not set
     * @throws ConfigException if a value is invalid
     */
    public static Settings read(ServletContext context, ConfigReader config, RestartCookie generatedRestartCookie) {
        return new Settings(context, config, generatedRestartCookie);
    }

    /** @return the session cookie (configured, else the container's), then the configured {@code cookies} */
    private static List<CookieSpec> cookieSpecs(ServletContext context, ConfigReader config, String defaultPath) {
        CookieSpec sessionCookie;
        ConfigReader.Value session = config.value(ConfigKey.SESSION_COOKIE);
        if (session == null) {
            sessionCookie = containerSessionCookie(context.getSessionCookieConfig(), defaultPath);
        } else {
            List<CookieSpec> specs = CookieSpec.parseAll(session, defaultPath);
            if (specs.size() != 1 || specs.get(0).prefix()) {
                throw session.invalid("it must name exactly one cookie, without '*'", "JSESSIONID;path=/app");
            }
            sessionCookie = specs.get(0);
        }
        List<CookieSpec> all = new ArrayList<>();
        all.add(sessionCookie);
        ConfigReader.Value more = config.value(ConfigKey.COOKIES);
        if (more != null) {
            all.addAll(CookieSpec.parseAll(more, defaultPath));
        }
        return List.copyOf(all);
    }

    private static CookieSpec containerSessionCookie(SessionCookieConfig scc, String defaultPath) {
        String name = scc == null || scc.getName() == null ? "JSESSIONID" : scc.getName();
        String path = scc == null || scc.getPath() == null || scc.getPath().isEmpty() ? defaultPath : scc.getPath();
        String domain = scc == null ? null : scc.getDomain();
        return new CookieSpec(name, false, List.of(path), domain == null || domain.isEmpty() ? List.of() : List.of(domain));
    }

    /** Whether a cookie Staleguard writes gets the Secure attribute. Prefixed cookies always do: browsers require it. */
    public boolean secure(HttpServletRequest request, String cookieName) {
        if (cookieName.startsWith("__Host-") || cookieName.startsWith("__Secure-")) {
            return true;
        }
        return cookieSecure.secure(request.isSecure());
    }

    @Override
    public String toString() {
        return "session-cookie=" + sessionCookie.name() + ", cookies=" + cookies.size()
                + ", interaction-paths=" + (interactionPaths.isEmpty() ? "none" : "set")
                + ", restart-url=" + (restartUrl == null ? "none" : restartUrl)
                + ", restart-capture-paths=" + (restartCapturePaths.isEmpty() ? "none" : "set")
                + ", restart-keys=" + (restartCookie.isGenerated() ? "generated" : "configured")
                + ", retry-window=" + retryWindow
                + ", on-unavailable=" + (retryLater ? "retry-later" : "propagate")
                + ", identity-header=" + (identity == null ? "none" : "set");
    }
}
