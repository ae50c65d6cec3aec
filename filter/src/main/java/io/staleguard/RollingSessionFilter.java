package io.staleguard;

import java.io.IOException;
import java.util.function.Function;

import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.DropIn;
import io.staleguard.internal.rolling.Exchange;
import io.staleguard.internal.rolling.Rolling;
import io.staleguard.internal.rolling.RollingMode;
import io.staleguard.spi.ConfigException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rolling sessions that a logout can never revive.
 * <p>
 * With {@code rolling=true}, every request that carries the session cookie (and is not in {@code rolling-exclude})
 * extends its session: one atomic conditional write to the {@link io.staleguard.store.SessionStore}
 * ({@code touchIfPresent}: {@code UPDATE … WHERE id = ? AND expires_at > ?}, never an upsert, never a read followed by
 * a write) moves the record's expiry to {@code now + inactivity}, capped at its absolute limit. Then:
 * <ul>
 * <li><b>Touched:</b> the refreshed session cookie is written <em>before</em> the application runs, living exactly as
 * long as the record and never longer than {@code max-cookie-age}. It keeps the attributes the application set the
 * cookie with (Path, Domain, {@code Secure}, {@code HttpOnly}, {@code SameSite}, as last seen on this node; for the
 * container's session cookie, its {@code SessionCookieConfig}); until the application has set it on this node, the
 * configured ones ({@code session-cookie}, {@code cookie-secure}, {@code cookie-same-site}, {@code HttpOnly}).
 * {@code Secure} is never dropped. When the application's attributes differ from the configured ones, one WARN
 * ({@code SG0012}) says so: configure them to match, so that every node refreshes alike. A logout in the same request writes its expiry later in the same
 * response, so the logout wins.</li>
 * <li><b>Gone</b> (deleted by a logout on another request, or expired): no refreshed cookie, and no expiring one either
 * (a sign-in in another tab may already have set a new one). Any {@code Set-Cookie} the application writes for the same
 * dead id is dropped; one with a new id (sign-in, id rotation) passes. The request is marked stale: mapped before
 * {@link StaleSessionFilter}, its detection on {@code interaction-paths} uses this answer instead of asking the store
 * again (in the drop-in order, StaleSessionFilter runs first and looks the session up itself).</li>
 * <li><b>Store unavailable:</b> nothing is written or deleted, and the request proceeds; one WARN a minute
 * ({@code SG0010}).</li>
 * </ul>
 * Every response that sets the session cookie (refreshed by Staleguard or written by the application) carries
 * {@code Cache-Control: private, no-cache, no-store, must-revalidate} and {@code Vary: Cookie}, and session cookies the
 * application writes are clamped to {@code max-cookie-age} (and to the record's expiry when this request touched it).
 * With {@code touch-interval}, a session this node touched less than that long ago is neither touched nor re-cookied.
 * A request that carries several session cookies (one per path) costs at most two touches, stopping at the first live
 * one: only the first two ids sent, the most specific path first, are considered.
 * <p>
 * With {@code rolling=false} (the default) this filter does nothing at all: no store call, no header, no wrapper.
 * <p>
 * <b>Only the lifetime cap.</b> With {@code rolling=false} and {@code max-cookie-age} set explicitly, the filter
 * neither calls a store nor writes a cookie of its own, and needs no store: it only watches the session cookies the
 * application (or a library in it) writes. A persistent one leaves with at most {@code max-cookie-age}, and the
 * response that sets it is not cacheable, as above. This is for applications that keep the container's sessions or
 * sign users in with a cookie of their own, such as one behind an SSO proxy whose sessions last a week: a "remember
 * me" {@code JSESSIONID} written with {@code setMaxAge} of three months then cannot outlive the proxy's session
 * window. The container's own {@code Set-Cookie} (from {@code <session-config>}) is written by the container, not
 * through the response the application sees; keep its {@code <max-age>} within the window.
 *
 * <h2>Usage</h2>
 * Rolling needs a session store: {@code store=memory} (one node), {@code store=jdbc:<JNDI name of a DataSource>}
 * (a cluster, see {@link io.staleguard.store.JdbcSessionStore} for the table), a {@code SessionStore} CDI bean (with the
 * CDI module) or the servlet context attribute {@link io.staleguard.store.SessionStore#ATTRIBUTE}. The jar's
 * {@code web-fragment.xml} registers this filter right after {@link StaleSessionFilter}, so context-params are enough:
 * <pre>
 * &lt;context-param&gt;&lt;param-name&gt;staleguard.rolling&lt;/param-name&gt;&lt;param-value&gt;true&lt;/param-value&gt;&lt;/context-param&gt;
 * &lt;context-param&gt;&lt;param-name&gt;staleguard.store&lt;/param-name&gt;&lt;param-value&gt;jdbc:java:jboss/datasources/SessionsDS&lt;/param-value&gt;&lt;/context-param&gt;
 * &lt;context-param&gt;&lt;param-name&gt;staleguard.session-cookie&lt;/param-name&gt;&lt;param-value&gt;SID;path=/&lt;/param-value&gt;&lt;/context-param&gt;
 * &lt;context-param&gt;&lt;param-name&gt;staleguard.rolling-exclude&lt;/param-name&gt;&lt;param-value&gt;/static/*, *.js, *.css&lt;/param-value&gt;&lt;/context-param&gt;
 * </pre>
 * Or register it yourself, after {@code StaleSessionFilter} (which switches the drop-in registration off):
 * <pre>
 * &lt;filter&gt;
 *     &lt;filter-name&gt;rolling&lt;/filter-name&gt;
 *     &lt;filter-class&gt;io.staleguard.RollingSessionFilter&lt;/filter-class&gt;
 *     &lt;async-supported&gt;true&lt;/async-supported&gt;
 *     &lt;init-param&gt;&lt;param-name&gt;rolling&lt;/param-name&gt;&lt;param-value&gt;true&lt;/param-value&gt;&lt;/init-param&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *     &lt;filter-name&gt;rolling&lt;/filter-name&gt;
 *     &lt;url-pattern&gt;/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 * </pre>
 * Sign users out with {@link Staleguard#logout(HttpServletRequest, HttpServletResponse)}: it deletes the record, so
 * every request still in flight finds its session gone.
 *
 * <h2>Configuration</h2>
 * {@code rolling}, {@code rolling-exclude}, {@code inactivity} (default {@code PT30M}), {@code absolute}
 * ({@code PT12H}), {@code max-cookie-age} ({@code P7D} when rolling; unset, no cap, otherwise), {@code touch-interval}
 * (none), {@code store} and {@code session-cookie}; see {@link StaleguardConfig}. Read once in
 * {@link #init(FilterConfig)}; a bad value, or {@code rolling=true} without a store, fails the deployment with a
 * message naming the key.
 *
 * @since 0.1
 */
public class RollingSessionFilter implements Filter {

    private ApplicationRuntime runtime;
    private Rolling rolling;

    /**
     * Creates the filter; the container does, from {@code web-fragment.xml} or the application's registration. It
     * reads its configuration in {@link #init(FilterConfig)}.
     */
    public RollingSessionFilter() {
    }

    /**
     * Reads and validates the configuration and finds the session store.
     *
     * @throws ServletException if a configuration value is invalid, or rolling is on and there is no session store
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        Function<String, String> initParams = filterConfig::getInitParameter;
        ServletContext context = filterConfig.getServletContext();
        try {
            // Unless inactive, or the drop-in StaleSessionFilter does this registration's work.
            if (DropIn.active(context, filterConfig.getFilterName(), RollingSessionFilter.class, initParams)
                    && !(DropIn.marked(initParams) && DropIn.together(context))) {
                start(ApplicationRuntime.of(context), filterConfig.getFilterName(), initParams);
            }
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    /** Unless rolling is off: its work, built before attaching, so that a configuration error leaves nothing held. */
    private void start(ApplicationRuntime attached, String name, Function<String, String> initParams) {
        RollingMode mode = attached.rollingMode(name, initParams);
        if (mode != RollingMode.OFF) {
            rolling = Rolling.of(mode, attached.engine(name, initParams));
            attached.attach(name, initParams);
            runtime = attached;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (rolling == null || !(request instanceof HttpServletRequest req)
                || !(response instanceof HttpServletResponse res) || Exchange.rollingActive()) {
            chain.doFilter(request, response);
            return;
        }
        // A second RollingSessionFilter on this request (two registrations, or a forward) leaves it to the first.
        Exchange.rollingActive(true);
        try {
            rolling.filter(req, res, chain);
        } finally {
            Exchange.rollingActive(false);
        }
    }

    @Override
    public void destroy() {
        ApplicationRuntime.release(runtime);
        runtime = null;
        rolling = null;
    }
}
