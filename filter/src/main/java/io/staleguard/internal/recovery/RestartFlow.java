package io.staleguard.internal.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import io.staleguard.internal.RequestState;
import io.staleguard.internal.Settings;
import io.staleguard.internal.http.RequestKind;
import io.staleguard.internal.http.SetCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a recovery restarts (B5) and how a flow's start is remembered for it (B7): the signed restart cookie captured
 * on {@code restart-capture-paths}, and the order in which targets apply. Every target is same-origin by construction
 * or by {@link RestartTargets}' check.
 */
public final class RestartFlow {

    private final Settings settings;
    private final Supplier<Clock> clock;
    private final String cookiePath;

    public RestartFlow(Settings settings, Supplier<Clock> clock) {
        this.settings = settings;
        this.clock = clock;
        this.cookiePath = settings.contextPath.isEmpty() ? "/" : settings.contextPath;
    }

    /** B7: remembers a flow's starting GET in the signed restart cookie. */
    public void capture(HttpServletRequest request, HttpServletResponse response) {
        String target = RestartTargets.currentRequest(RequestPaths.requestPath(request), request.getQueryString());
        if (target == null) {
            return;
        }
        Instant now = clock.get().instant();
        String name = cookieName(request, RestartCookie.NAME);
        String header = SetCookie.of(name, settings.restartCookie.sign(settings.contextPath, target, now))
                .path(cookiePath).secure(settings.secure(request, name)).sameSite(settings.sameSite).header();
        response.addHeader("Set-Cookie", header);
        RequestState state = RequestState.of(request);
        state.capturedHeader = header;
        state.capturedTarget = target;
    }

    /**
     * B5: the first target that applies; every one is same-origin by construction or by check.
     *
     * @param sameUrlFailed the same URL just failed again after a restart with no cookie to blame: the context root
     *        stands in for it
     */
    public String target(HttpServletRequest request, RequestKind kind, String restartOverride, boolean sameUrlFailed) {
        if (restartOverride != null && RestartTargets.isSafe(restartOverride)) {
            return settings.contextPath + restartOverride;
        }
        RequestState state = RequestState.peek(request);
        if (state != null && state.capturedTarget != null) {
            return state.capturedTarget;
        }
        RestartCookie.Verified verified = newestRestartCookie(request);
        if (verified != null) {
            return verified.target();
        }
        if (settings.restartUrl != null) {
            return settings.restartUrl;
        }
        if (kind == RequestKind.NAVIGATION && "GET".equals(request.getMethod()) && !sameUrlFailed) {
            String current = RestartTargets.currentRequest(RequestPaths.requestPath(request), request.getQueryString());
            if (current != null) {
                return current;
            }
        }
        return RestartTargets.contextRoot(settings.contextPath);
    }

    /**
     * B7: of the restart cookies that verify, the one signed last. The Cookie header carries no paths; a browser lists
     * the cookie with the longest path first, which is where a cookie planted from a sibling subdomain with a longer
     * path would be, so the first one is not the one to trust. Ties keep the browser's order.
     */
    private RestartCookie.Verified newestRestartCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = cookieName(request, RestartCookie.NAME);
        Instant now = clock.get().instant();
        RestartCookie.Verified newest = null;
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                RestartCookie.Verified verified = settings.restartCookie.verify(settings.contextPath, c.getValue(), now);
                if (verified != null && (newest == null || verified.issuedEpochSecond() > newest.issuedEpochSecond())) {
                    newest = verified;
                }
            }
        }
        return newest;
    }

    /**
     * B6, B7: the name of Staleguard's own cookies on this request. On HTTPS in an application at the root of the
     * host, {@code __Host-} + {@code base}: browsers accept such a cookie only with Secure, Path=/ and no Domain, so
     * neither a sibling subdomain nor a plain-HTTP response can plant or overwrite it. Elsewhere the plain name (a
     * {@code __Host-} cookie must have Path=/, which would share it with every other application on the host).
     */
    public String cookieName(HttpServletRequest request, String base) {
        return "/".equals(cookiePath) && settings.secure(request, base) ? "__Host-" + base : base;
    }
}
