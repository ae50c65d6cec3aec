package io.staleguard;

import java.io.IOException;

import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.DropIn;
import io.staleguard.internal.Engine;
import io.staleguard.internal.RequestState;
import io.staleguard.internal.recovery.Classifier;
import io.staleguard.internal.recovery.RequestPaths;
import io.staleguard.internal.rolling.Exchange;
import io.staleguard.internal.rolling.Rolling;
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
 * Turns a stale session into a fresh start instead of an error page.
 * <p>
 * When a request fails because its session is gone (a {@link SessionNotFoundException}, or an exception named in
 * {@code stale-exceptions}, anywhere in the cause chain), or when a request to an {@code interaction-paths} URL
 * carries a session cookie the server no longer knows, this filter:
 * <ol>
 * <li>resets the response, invalidates what is left of the {@code HttpSession} and expires every configured cookie the
 * browser sent, with exactly the Path and Domain it was set with;</li>
 * <li>answers a page load with {@code 303 See Other} to the restart target (the URL where the flow started, if
 * {@code restart-capture-paths} recorded one, else {@code restart-url}, else the same page, else the context root), a
 * script call with {@code 401} and an RFC 9457 problem document plus a {@code Session-Restart} header, and a Faces
 * Ajax request with a partial-response redirect;</li>
 * <li>fires one {@link SessionEnded} event.</li>
 * </ol>
 * With {@code identity-header} set, a request whose trusted SSO proxy (one of {@code trusted-proxies}) vouches for
 * another user than the session's is recovered the same way, with reason {@link EndReason#IDENTITY_CHANGED}; a page
 * load then comes back to the same URL so the application signs the new user in.
 * <p>
 * If the same browser comes back stale within {@code retry-window}, it is not redirected again: it gets a page
 * explaining how to clear the site's cookies, and the log names the cookies that could not be cleared. Store hiccups
 * ({@link io.staleguard.store.StoreUnavailableException}, {@code transient-exceptions}) are never taken for a stale
 * session: nothing is expired or invalidated, and the answer is a {@code 503} with {@code Retry-After}
 * ({@code on-unavailable=retry-later}, the default) or the exception itself ({@code on-unavailable=propagate}).
 *
 * <h2>Usage</h2>
 * Drop {@code staleguard-filter.jar} into {@code WEB-INF/lib}: its {@code web-fragment.xml} maps this filter to
 * {@code /*} before all others. Or register it yourself, which switches the drop-in registration off:
 * <pre>
 * &lt;filter&gt;
 *     &lt;filter-name&gt;staleguard&lt;/filter-name&gt;
 *     &lt;filter-class&gt;io.staleguard.StaleSessionFilter&lt;/filter-class&gt;
 *     &lt;async-supported&gt;true&lt;/async-supported&gt;
 *     &lt;init-param&gt;
 *         &lt;param-name&gt;cookies&lt;/param-name&gt;
 *         &lt;param-value&gt;_interaction;path=/app/interaction&lt;/param-value&gt;
 *     &lt;/init-param&gt;
 *     &lt;init-param&gt;
 *         &lt;param-name&gt;restart-capture-paths&lt;/param-name&gt;
 *         &lt;param-value&gt;/authorize&lt;/param-value&gt;
 *     &lt;/init-param&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *     &lt;filter-name&gt;staleguard&lt;/filter-name&gt;
 *     &lt;url-pattern&gt;/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 * </pre>
 * or programmatically, from a {@code ServletContainerInitializer} or {@code ServletContextListener}:
 * <pre>
 * FilterRegistration.Dynamic staleguard = context.addFilter("staleguard", StaleSessionFilter.class);
 * staleguard.setAsyncSupported(true);
 * staleguard.setInitParameter("restart-url", "/login");
 * staleguard.addMappingForUrlPatterns(null, false, "/*");
 * </pre>
 * Map it first: a filter in front of it that writes the response can leave nothing to recover.
 *
 * <h2>Configuration</h2>
 * See {@link StaleguardConfig} for the keys. They are read once, in {@link #init(FilterConfig)}; a bad value fails the
 * deployment with a message naming the key, the value and a good example.
 *
 * @since 0.1
 */
public class StaleSessionFilter implements Filter {

    private ApplicationRuntime runtime;
    private Engine engine;
    /** The rolling filter's work, when this drop-in does it too ({@link DropIn#together}); else null. */
    private Rolling rolling;

    /**
     * Creates the filter; the container does, from {@code web-fragment.xml} or the application's registration. It
     * reads its configuration in {@link #init(FilterConfig)}.
     */
    public StaleSessionFilter() {
    }

    /**
     * Reads and validates the configuration.
     *
     * @throws ServletException if a configuration value is invalid; the message names the key and the value
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        String name = filterConfig.getFilterName();
        try {
            if (!DropIn.active(context, name, StaleSessionFilter.class, filterConfig::getInitParameter)) {
                return;
            }
            ApplicationRuntime attached = ApplicationRuntime.of(context);
            // Built before attaching: a configuration error then leaves nothing attached.
            rolling = DropIn.marked(filterConfig::getInitParameter) && DropIn.together(context)
                    ? Rolling.of(attached.rollingMode(name, filterConfig::getInitParameter),
                            attached.engine(name, filterConfig::getInitParameter))
                    : null;
            engine = attached.attach(name, filterConfig::getInitParameter);
            runtime = attached;
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Exchange exchange = Exchange.ofThisThread();
        // A second StaleSessionFilter on the same request (two registrations, or a forward) leaves it to the first.
        if (engine == null || exchange.engine() != null || !(request instanceof HttpServletRequest req)
                || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        if (rolling == null || Exchange.rollingActive()) {
            guard(req, res, chain, exchange, null);
            return;
        }
        // The two drop-ins together (DropIn.together): this one does the rolling filter's work, which lets it pass.
        Exchange.rollingActive(true);
        try {
            guard(req, res, chain, exchange, rolling);
        } finally {
            Exchange.rollingActive(false);
        }
    }

    /** @param rolling the rolling filter's work, when this filter does it too; else null */
    private void guard(HttpServletRequest req, HttpServletResponse res, FilterChain chain, Exchange exchange,
            Rolling rolling) throws IOException, ServletException {
        String path = engine.needsPath() ? RequestPaths.pathInApplication(req) : null;
        if (path != null && "GET".equals(req.getMethod()) && engine.settings().restartCapturePaths.matches(path)) {
            engine.captureRestart(req, res);
        }
        // The touch first: the B2 check below then reads its answer instead of asking the store again. A recovery
        // resets the response, so a refreshed cookie never leaves with it.
        HttpServletResponse onward = rolling == null ? res : rolling.begin(req, res);
        if (path != null && engine.settings().interactionPaths.matches(path) && engine.isDefinitivelyGone(req)) {
            engine.recoverGone(req, res);
            return;
        }
        if (engine.identityChanged(req)) {
            engine.recoverIdentityChange(req, res);
            return;
        }
        exchange.set(engine, req, res);
        try {
            chain.doFilter(req, onward);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!recovered(req, res, e)) {
                throw e;
            }
        } finally {
            exchange.set(null, null, null);
        }
    }

    /** @return true when {@code thrown} was a stale session and a recovery response now stands in for it */
    private boolean recovered(HttpServletRequest req, HttpServletResponse res, Exception thrown) throws IOException {
        Classifier.Classification c = engine.classify(thrown);
        return switch (c.kind()) {
            case STALE -> engine.recover(req, res, c.reason(), RequestState.restartOverrideOf(req));
            case TRANSIENT -> engine.respondUnavailable(req, res, thrown);
            case OTHER -> false;
        };
    }

    @Override
    public void destroy() {
        ApplicationRuntime.release(runtime);
        runtime = null;
        engine = null;
        rolling = null;
    }
}
