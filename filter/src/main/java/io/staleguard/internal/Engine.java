package io.staleguard.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Staleguard's recovery for one application configuration (B2–B7, E1): detection, the restart target, cookie expiry,
 * the loop guard and the event; and the application's session store (S3) with logout. Built once per distinct
 * configuration by the {@link ApplicationRuntime}, which shares one engine between the drop-in filters and static
 * calls and gives every engine the application's clock, counters, events and store.
 */
public final class Engine {

    /** The loop guard's host-only marker cookie (B6). */
    public static final String RETRY_COOKIE = "staleguard-retry";

    /**
     * At most this many session cookies of one request are looked up, touched or deleted, the first ones sent (the
     * most specific path first). Two cover the one real case of several, a cookie left on an old path next to the
     * current one (B2: alive if any is); more would only let a crafted request multiply the store work. The bound per
     * request: at most 2 touches (rolling), or 2 lookups plus 2 confirming lookups (detection), or 2 deletes (logout);
     * with {@code JdbcSessionStore} at most 6 statements for a rolling request whose ids are both gone.
     */
    static final int MAX_SESSION_IDS = 2;

    private final ApplicationRuntime runtime;
    private final Settings settings;
    private final RollingSettings rolling;
    /** Null in container mode. */
    private final SessionStore store;
    private final Events events;
    private final Counters counters;
    private final StoreOutages outages;
    private final CookieExpiry cookieExpiry;
    private final LoopGuard loopGuard;
    private final RestartFlow restartFlow;
    /** The application's sessions ended within the retry window (E1 once, I1 burst, S3 delete once). */
    private final RecentlyEnded recentlyEnded;
    private final String cookiePath;

    /** Built by the application's {@link ApplicationRuntime}, which shares its clock, counters and events. */
    Engine(ApplicationRuntime runtime, Settings settings, RollingSettings rolling, SessionStore store) {
        this.runtime = runtime;
        this.settings = settings;
        this.rolling = rolling;
        this.store = store;
        this.events = runtime.events();
        this.counters = runtime.counters();
        this.outages = new StoreOutages(store, counters, runtime.storeWarnings());
        this.recentlyEnded = runtime.recentlyEnded(settings.retryWindow);
        this.cookiePath = settings.contextPath.isEmpty() ? "/" : settings.contextPath;
        this.cookieExpiry = new CookieExpiry(settings);
        this.loopGuard = new LoopGuard(settings, runtime.loopWarnings());
        this.restartFlow = new RestartFlow(settings, this::clock);
    }

    /** @return the clock every time-dependent decision of this engine and its {@link Rolling} reads */
    Clock clock() {
        return runtime.clock();
    }

    /** @return the application's runtime, which this engine shares with the other filters and static calls */
    public ApplicationRuntime runtime() {
        return runtime;
    }

    public Settings settings() {
        return settings;
    }

    /** @return whether any behaviour depends on the request path, so pass-through requests skip computing it */
    public boolean needsPath() {
        return !settings.interactionPaths.isEmpty() || !settings.restartCapturePaths.isEmpty();
    }

    public Counters counters() {
        return counters;
    }

    RollingSettings rolling() {
        return rolling;
    }

    /** @return the application's session store, or null in container mode */
    public SessionStore store() {
        return store;
    }

    public Classifier.Classification classify(Throwable thrown) {
        return settings.classifier.classify(thrown);
    }

    /** The request's path inside the application, as the container decoded and mapped it. */
    public static String pathInApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = servletPath == null ? "" : servletPath;
        return pathInfo == null ? path : path + pathInfo;
    }

    /**
     * The request's path as Staleguard emits it (a same-URL target, an event's {@code requestPath}) and logs it:
     * {@code getRequestURI()} without path parameters, which can carry a session id ({@code ;jsessionid=…}).
     */
    static String requestPath(HttpServletRequest request) {
        return RestartTargets.withoutPathParameters(request.getRequestURI());
    }

    /** {@link #requestPath} made safe for a log line. */
    static String loggablePath(HttpServletRequest request) {
        return Log.printable(requestPath(request), 200);
    }

    /**
     * B2: the request carries a session cookie and its session is definitively gone. Container mode: the request names
     * a session the container no longer has (with several session cookies the container picks one, and a live session
     * wins). Store mode: the store has none of the session ids the request's cookies carry, confirmed on the primary
     * (T2); an unavailable store is never "gone" (T1). At most {@value #MAX_SESSION_IDS} ids are looked up.
     */
    public boolean isDefinitivelyGone(HttpServletRequest request) {
        if (store == null) {
            return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()
                    && request.getSession(false) == null;
        }
        Boolean rolled = RequestState.rollingAliveOf(request);
        if (rolled != null) {
            return !rolled;
        }
        List<String> ids = sessionIds(request);
        if (ids.isEmpty()) {
            return false;
        }
        try {
            for (String id : ids) {
                if (store.lookup(id).isPresent()) {
                    return false;
                }
            }
            for (String id : ids) {
                if (store.lookupAuthoritative(id).isPresent()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            if (!isTransient(e)) {
                throw e;
            }
            unavailable(e);
            return false;
        }
    }

    /**
     * B2: recovers a request whose session {@link #isDefinitivelyGone} found gone. The store already said so, so the
     * recovery deletes nothing there: the store work of a detected request stays the detection's.
     */
    public void recoverGone(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestState.of(request).confirmedGone = true;
        recover(request, response, EndReason.NOT_FOUND, null);
    }

    /**
     * T1: whether a store's failure says nothing about the session: a {@link StoreUnavailableException}, or (from a
     * store of the application's own) an exception with a {@code transient-exceptions} class in its cause chain.
     */
    boolean isTransient(RuntimeException thrown) {
        return thrown instanceof StoreUnavailableException
                || settings.classifier.classify(thrown).kind() == Classifier.Kind.TRANSIENT;
    }

    /**
     * @return the distinct, non-empty values of the session cookies the request carries, in the order sent (the most
     *         specific path first), at most {@value #MAX_SESSION_IDS}
     */
    List<String> sessionIds(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        String name = settings.sessionCookie.name();
        // Browsers almost always send one session cookie: a list of several is built only when a second id comes.
        String first = null;
        List<String> ids = null;
        for (Cookie c : cookies) {
            String value = c.getValue();
            if (!name.equals(c.getName()) || value == null || value.isEmpty() || value.equals(first)) {
                continue;
            }
            if (first == null) {
                first = value;
                continue;
            }
            if (ids == null) {
                ids = new ArrayList<>(MAX_SESSION_IDS);
                ids.add(first);
            }
            if (!ids.contains(value)) {
                ids.add(value);
                if (ids.size() == MAX_SESSION_IDS) {
                    break;
                }
            }
        }
        return ids != null ? ids : first != null ? List.of(first) : List.of();
    }

    /** T1: counts a store outage and warns about it ({@link StoreOutages}). */
    void unavailable(Throwable thrown) {
        outages.report(thrown);
    }

    /**
     * Ends the request's session on purpose: deletes its store records, invalidates the {@code HttpSession}, expires
     * the session cookie (and the configured cookies the request carried) exactly as B3 does, and fires one
     * {@code SessionEnded(LOGGED_OUT)}. The response is not reset: the application goes on to write its own answer.
     * Later {@code Set-Cookie} headers that would bring the old session id back are dropped by the rolling gate.
     *
     * @return whether the cookie expiries were written; false when the response was already committed
     * @throws StoreUnavailableException if the store could not delete the records; nothing else was done then
     */
    public boolean logout(HttpServletRequest request, HttpServletResponse response) {
        List<String> ids = sessionIds(request);
        if (store != null) {
            for (String id : ids) {
                try {
                    store.delete(id);
                } catch (StoreUnavailableException e) {
                    unavailable(e);
                    throw e;
                }
            }
        }
        RequestState state = RequestState.peek(request);
        if (state != null && state.gate != null) {
            state.gate.gone(ids);
        }
        boolean written = false;
        if (response.isCommitted()) {
            Log.warn(Log.COMMITTED, "The response to %s was already committed when Staleguard.logout was called: the "
                    + "session is ended, but its cookie could not be expired. Call logout before writing the response.",
                    loggablePath(request));
        } else {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            Set<String> expired = cookieExpiry.expireCookies(request, headers);
            if (!expired.contains(settings.sessionCookie.name())) {
                cookieExpiry.expire(settings.sessionCookie.name(), settings.sessionCookie, request, headers);
            }
            for (Map.Entry<String, String> h : headers) {
                response.addHeader(h.getKey(), h.getValue());
            }
            SessionCookieGate.preventCaching(response);
            written = true;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // Ended meanwhile: the outcome is the same.
            }
        }
        fireOnce(request, EndReason.LOGGED_OUT,
                SessionIds.hash(ids.isEmpty() ? request.getRequestedSessionId() : ids.get(0)));
        return written;
    }

    /**
     * T1: a transient failure (store down, timeout) is never a stale session: nothing is invalidated, expired or
     * announced. With {@code on-unavailable=retry-later} an uncommitted response becomes a 503 with Retry-After.
     *
     * @return whether the 503 was written; false means the caller rethrows
     */
    public boolean respondUnavailable(HttpServletRequest request, HttpServletResponse response, Throwable thrown)
            throws IOException {
        unavailable(thrown);
        if (!settings.retryLater || response.isCommitted()) {
            return false;
        }
        RequestKind kind = RequestKind.of(request);
        String retry = kind == RequestKind.NAVIGATION && "GET".equals(request.getMethod())
                ? RestartTargets.currentRequest(requestPath(request), request.getQueryString()) : null;
        try {
            response.reset();
        } catch (IllegalStateException committedMeanwhile) {
            return false;
        }
        Responses.unavailable(kind, retry).writeTo(response);
        return true;
    }

    /**
     * I1–I3: whether a trusted proxy vouches for someone else than the session's user, or the request still carries a
     * session that Staleguard ended for an identity switch within the retry window: every call of a burst sent with
     * the old user's cookie then gets the same answer, and none is served as the new user.
     */
    public boolean identityChanged(HttpServletRequest request) {
        // This order closes the race: the first call records the session as ended before it invalidates it, so a
        // call that finds the session already invalidated (changed() is false then) finds the record.
        return settings.identity != null && (settings.identity.changed(request) || endedForIdentitySwitch(request));
    }

    /**
     * I1: the request still carries a session ended for an identity switch, and the proxy vouches for someone, whom
     * the application would sign in on a fresh session. (Without a header nobody would be signed in: the application
     * answers as it does for anyone unknown.)
     */
    private boolean endedForIdentitySwitch(HttpServletRequest request) {
        String id = eventSessionId(request);
        if (id == null || !recentlyEnded.endedForIdentitySwitch(id) || !settings.identity.vouchesForSomeone(request)) {
            return false;
        }
        // A container that reuses a requested id for a new session (Tomcat can) gives it to the new user: not stale.
        return store != null || !request.isRequestedSessionIdValid();
    }

    /** I1: ends the old user's session; a navigation comes back to the same URL so the app signs the new user in. */
    public void recoverIdentityChange(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sameUrl = null;
        String uri = requestPath(request);
        if (RequestKind.of(request) == RequestKind.NAVIGATION && uri.startsWith(settings.contextPath)) {
            sameUrl = RestartTargets.currentRequest(uri.substring(settings.contextPath.length()), request.getQueryString());
        }
        RequestState.of(request).identityClaim = settings.identity.claimKey(request);
        recover(request, response, EndReason.IDENTITY_CHANGED, sameUrl);
    }

    /** B7: remembers a flow's starting GET in the signed restart cookie. */
    public void captureRestart(HttpServletRequest request, HttpServletResponse response) {
        restartFlow.capture(request, response);
    }

    /**
     * B3: recovers on a servlet response. When the response is already committed it logs one WARN, still ends the
     * session and fires the event, and returns false so that the caller rethrows the original exception.
     *
     * @param restartOverride a context-relative restart target chosen by the application, or null
     * @return whether a recovery response was written (also when an earlier call on this request wrote it)
     */
    public boolean recover(HttpServletRequest request, HttpServletResponse response, EndReason reason,
            String restartOverride) throws IOException {
        RequestState state = RequestState.of(request);
        if (state.recovered != null) {
            return state.recovered;
        }
        if (response.isCommitted()) {
            state.recovered = Boolean.FALSE;
            Log.warn(Log.COMMITTED, "The response to %s was already committed when its session turned out to be "
                    + "stale (%s): its cookies cannot be expired nor the user redirected. Let Staleguard see the "
                    + "failure before the response is written, for example with @Interaction.",
                    loggablePath(request), reason);
            endSession(request, reason);
            return false;
        }
        RecoveryResponse planned = recoverDetached(request, reason, restartOverride);
        try {
            response.reset();
        } catch (IllegalStateException committedMeanwhile) {
            state.recovered = Boolean.FALSE;
            Log.warn(Log.COMMITTED, "The response to %s was committed while recovering from %s",
                    loggablePath(request), reason);
            return false;
        }
        planned.writeTo(response);
        return true;
    }

    /**
     * Ends the session (invalidation, event) and returns the recovery response for the caller to send, for callers
     * that do not write to the servlet response themselves (a JAX-RS method returning a {@code Response}).
     */
    public RecoveryResponse recoverDetached(HttpServletRequest request, EndReason reason, String restartOverride) {
        RequestState state = RequestState.of(request);
        state.recovered = Boolean.TRUE;
        RequestKind kind = RequestKind.of(request);
        String claim = state.identityClaim;
        Instant now = clock().instant();
        boolean loop = loopGuard.markerPresent(request, restartFlow.cookieName(request, RETRY_COOKIE), claim, now);

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> expired = cookieExpiry.expireCookies(request, headers);
        // B6 with only the retry marker left: the same URL just failed after a restart with no cookie to blame (the
        // drop-in with nothing configured, on a page that needs a session), so the page links to the context root.
        String target = restartFlow.target(request, kind, restartOverride, loop && expired.isEmpty());
        if (state.capturedHeader != null) {
            headers.add(Responses.header("Set-Cookie", state.capturedHeader));
        }
        if (!loop) {
            String name = restartFlow.cookieName(request, RETRY_COOKIE);
            headers.add(Responses.header("Set-Cookie", SetCookie.of(name,
                    now.getEpochSecond() + (claim == null ? "" : "." + claim)).path(cookiePath)
                    .maxAge(settings.retryWindow, now).secure(settings.secure(request, name))
                    .sameSite(settings.sameSite).header()));
        }
        headers.add(Responses.header("Cache-Control", "no-store"));

        RecoveryResponse response;
        if (loop) {
            counters.loopGuarded.increment();
            loopGuard.warn(request, expired);
            response = Responses.loopGuarded(kind, target, reason, headers, !expired.isEmpty());
        } else {
            response = Responses.restart(kind, target, reason, headers);
        }
        endSession(request, reason);
        return response;
    }

    private void endSession(HttpServletRequest request, EndReason reason) {
        String id = eventSessionId(request);
        String idHash = SessionIds.hash(id);
        // A session is deleted from the store once, however many requests recover it (S3); of a burst after an
        // identity switch, the request that ended the session announces it and the others only clean up (E1).
        boolean first = id == null || recentlyEnded.end(id, reason);
        if (first) {
            deleteStoreRecords(request);
        }
        HttpSession session = request.getSession(false);
        boolean endedElsewhere = false;
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // A concurrent request of the same burst ended this session and announced it: E1 is once per session.
                endedElsewhere = true;
            }
        }
        counters.recovered.increment();
        if (reason == EndReason.IDENTITY_CHANGED) {
            counters.identityChanged.increment();
        }
        if (Log.isDebugEnabled()) {
            Log.debug(Log.RECOVERED, "Ended session %s on %s: %s", idHash, loggablePath(request), reason);
        }
        if (!endedElsewhere && (first || reason != EndReason.IDENTITY_CHANGED)) {
            fireOnce(request, reason, idHash);
        }
    }

    /**
     * S3 on a recovery: a stale or switched-away session's record is deleted, so that it cannot be used again for the
     * rest of its inactivity window (the old user's record after an identity switch). A store that fails is counted
     * and warned about (T1); the recovery goes on, as the cookie is expired anyway.
     */
    private void deleteStoreRecords(HttpServletRequest request) {
        RequestState state = RequestState.peek(request);
        if (store == null || (state != null && (Boolean.FALSE.equals(state.rollingAlive) || state.confirmedGone))) {
            return;
        }
        for (String id : sessionIds(request)) {
            try {
                store.delete(id);
            } catch (RuntimeException e) {
                unavailable(e);
                return;
            }
        }
    }

    /** E1, T3: one {@code SessionEnded} per request, whoever ends the session and however often. */
    private void fireOnce(HttpServletRequest request, EndReason reason, String idHash) {
        RequestState state = RequestState.of(request);
        if (state.ended != null) {
            return;
        }
        state.ended = reason;
        events.fire(new SessionEnded(idHash, reason, Log.printable(requestPath(request), 512), clock().instant()));
    }

    /** In store mode the session is the one the session cookie names, not the container's. */
    private String eventSessionId(HttpServletRequest request) {
        if (store != null) {
            List<String> ids = sessionIds(request);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        }
        return request.getRequestedSessionId();
    }
}
