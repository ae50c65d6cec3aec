package io.staleguard.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.staleguard.EndReason;
import io.staleguard.internal.http.RecoveryResponse;
import io.staleguard.internal.http.RequestKind;
import io.staleguard.internal.http.Responses;
import io.staleguard.internal.http.SetCookie;
import io.staleguard.internal.ops.Counter;
import io.staleguard.internal.ops.Counters;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.recovery.Classifier;
import io.staleguard.internal.recovery.CookieExpiry;
import io.staleguard.internal.recovery.LoopGuard;
import io.staleguard.internal.recovery.RecentlyEnded;
import io.staleguard.internal.recovery.RequestPaths;
import io.staleguard.internal.recovery.RestartFlow;
import io.staleguard.internal.recovery.RestartTargets;
import io.staleguard.internal.recovery.SessionEnding;
import io.staleguard.internal.rolling.Rolling;
import io.staleguard.internal.store.SessionLookup;
import io.staleguard.internal.store.StoreOutages;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Staleguard's recovery for one application configuration (B2–B7, E1): detection, the restart target, cookie expiry,
 * the loop guard and the event; and the application's session store (S3) with logout. Built once per distinct
 * configuration by the {@link ApplicationRuntime}, which shares one engine between the drop-in filters and static
 * calls and gives every engine the application's clock, counters, events and store.
 */
public final class Engine {

    private final ApplicationState state;
    private final Settings settings;
    private final RollingSettings rolling;
    /** Null in container mode. */
    private final SessionStore store;
    private final Counters counters;
    private final SessionLookup lookup;
    private final SessionEnding ending;
    private final CookieExpiry cookieExpiry;
    private final LoopGuard loopGuard;
    private final RestartFlow restartFlow;
    /** The application's sessions ended within the retry window (E1 once, I1 burst, S3 delete once). */
    private final RecentlyEnded recentlyEnded;
    private final String cookiePath;

    /** Built by the application's runtime, with the state every engine of the application shares. */
    Engine(ApplicationState state, Settings settings, RollingSettings rolling, SessionStore store) {
        this.state = state;
        this.settings = settings;
        this.rolling = rolling;
        this.store = store;
        this.counters = state.counters();
        this.lookup = new SessionLookup(settings, store, new StoreOutages(store, counters, state.storeWarnings()));
        this.recentlyEnded = state.recentlyEnded(settings.retryWindow);
        this.cookiePath = settings.contextPath.isEmpty() ? "/" : settings.contextPath;
        this.cookieExpiry = new CookieExpiry(settings);
        this.ending = new SessionEnding(settings, store, lookup, state, cookieExpiry);
        this.loopGuard = new LoopGuard(settings, state.loopWarnings());
        this.restartFlow = new RestartFlow(settings, this::clock);
    }

    /** @return the clock every time-dependent decision of this engine and its {@link Rolling} reads */
    public Clock clock() {
        return state.clock();
    }

    /** @return what this engine shares with the application's other engines: the clock, counters and events */
    public ApplicationState state() {
        return state;
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

    public RollingSettings rolling() {
        return rolling;
    }

    /** @return the application's session store, or null in container mode */
    public SessionStore store() {
        return store;
    }

    public Classifier.Classification classify(Throwable thrown) {
        return settings.classifier.classify(thrown);
    }

    /**
     * B2: recovers a request whose session {@link #isDefinitivelyGone} found gone. The store already said so, so the
     * recovery deletes nothing there: the store work of a detected request stays the detection's.
     */
    public void recoverGone(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestState.of(request).confirmedGone = true;
        recover(request, response, EndReason.NOT_FOUND, null);
    }

    /** @return which sessions a request names, and whether they are gone */
    public SessionLookup lookup() {
        return lookup;
    }

    /**
     * B2: the request carries a session cookie and its session is definitively gone ({@link SessionLookup}).
     */
    public boolean isDefinitivelyGone(HttpServletRequest request) {
        return lookup.isDefinitivelyGone(request);
    }

    /**
     * Ends the request's session on purpose ({@link SessionEnding#logout}).
     *
     * @return whether the cookie expiries were written; false when the response was already committed
     * @throws StoreUnavailableException if the store could not delete the records; nothing else was done then
     */
    public boolean logout(HttpServletRequest request, HttpServletResponse response) {
        return ending.logout(request, response);
    }

    /**
     * T1: a transient failure (store down, timeout) is never a stale session: nothing is invalidated, expired or
     * announced. With {@code on-unavailable=retry-later} an uncommitted response becomes a 503 with Retry-After.
     *
     * @return whether the 503 was written; false means the caller rethrows
     */
    public boolean respondUnavailable(HttpServletRequest request, HttpServletResponse response, Throwable thrown)
            throws IOException {
        lookup.unavailable(thrown);
        if (!settings.retryLater || response.isCommitted()) {
            return false;
        }
        RequestKind kind = RequestKind.of(request);
        String retry = kind == RequestKind.NAVIGATION && "GET".equals(request.getMethod())
                ? RestartTargets.currentRequest(RequestPaths.requestPath(request), request.getQueryString()) : null;
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
        String id = ending.eventSessionId(request);
        if (id == null || !recentlyEnded.endedForIdentitySwitch(id) || !settings.identity.vouchesForSomeone(request)) {
            return false;
        }
        // A container that reuses a requested id for a new session (Tomcat can) gives it to the new user: not stale.
        return store != null || !request.isRequestedSessionIdValid();
    }

    /** I1: ends the old user's session; a navigation comes back to the same URL so the app signs the new user in. */
    public void recoverIdentityChange(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sameUrl = null;
        String uri = RequestPaths.requestPath(request);
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
            Log.warn(LogId.COMMITTED, "The response to %s was already committed when its session turned out to be "
                    + "stale (%s): its cookies cannot be expired nor the user redirected. Let Staleguard see the "
                    + "failure before the response is written, for example with @Interaction.",
                    RequestPaths.loggablePath(request), reason);
            ending.endSession(request, reason);
            return false;
        }
        RecoveryResponse planned = recoverDetached(request, reason, restartOverride);
        try {
            response.reset();
        } catch (IllegalStateException committedMeanwhile) {
            state.recovered = Boolean.FALSE;
            Log.warn(LogId.COMMITTED, "The response to %s was committed while recovering from %s",
                    RequestPaths.loggablePath(request), reason);
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
        boolean loop = loopGuard.markerPresent(request, restartFlow.cookieName(request, LoopGuard.RETRY_COOKIE), claim, now);

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> expired = cookieExpiry.expireCookies(request, headers);
        // B6 with only the retry marker left: the same URL just failed after a restart with no cookie to blame (the
        // drop-in with nothing configured, on a page that needs a session), so the page links to the context root.
        String target = restartFlow.target(request, kind, restartOverride, loop && expired.isEmpty());
        if (state.capturedHeader != null) {
            headers.add(Responses.header("Set-Cookie", state.capturedHeader));
        }
        if (!loop) {
            String name = restartFlow.cookieName(request, LoopGuard.RETRY_COOKIE);
            headers.add(Responses.header("Set-Cookie", SetCookie.of(name,
                    now.getEpochSecond() + (claim == null ? "" : "." + claim)).path(cookiePath)
                    .maxAge(settings.retryWindow, now).secure(settings.secure(request, name))
                    .sameSite(settings.sameSite).header()));
        }
        headers.add(Responses.header("Cache-Control", "no-store"));

        RecoveryResponse response;
        if (loop) {
            counters.increment(Counter.LOOP_GUARDED);
            loopGuard.warn(request, expired);
            response = Responses.loopGuarded(kind, target, reason, headers, !expired.isEmpty());
        } else {
            response = Responses.restart(kind, target, reason, headers);
        }
        ending.endSession(request, reason);
        return response;
    }

}
