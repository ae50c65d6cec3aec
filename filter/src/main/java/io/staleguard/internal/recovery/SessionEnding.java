package io.staleguard.internal.recovery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.internal.ApplicationState;
import io.staleguard.internal.RequestState;
import io.staleguard.internal.Settings;
import io.staleguard.internal.http.SessionIds;
import io.staleguard.internal.ops.Counter;
import io.staleguard.internal.ops.Counters;
import io.staleguard.internal.ops.Events;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.rolling.SessionCookieGate;
import io.staleguard.internal.store.SessionLookup;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ending a session, by a recovery or a logout (B3, E1, S3, T3): the store record deleted once, the
 * {@code HttpSession} invalidated, one {@code SessionEnded} per request and one per session of an identity-switch
 * burst: per node by {@link RecentlyEnded}, across nodes by the store's {@link SessionStore#deleteIfPresent}.
 */
public final class SessionEnding {

    private final Settings settings;
    /** Null in container mode. */
    private final SessionStore store;
    private final SessionLookup lookup;
    private final RecentlyEnded recentlyEnded;
    private final Counters counters;
    private final Events events;
    private final CookieExpiry cookieExpiry;
    private final Supplier<Clock> clockSource;

    public SessionEnding(Settings settings, SessionStore store, SessionLookup lookup, ApplicationState state,
            CookieExpiry cookieExpiry) {
        this.settings = settings;
        this.store = store;
        this.lookup = lookup;
        this.recentlyEnded = state.recentlyEnded(settings.retryWindow);
        this.counters = state.counters();
        this.events = state.events();
        this.cookieExpiry = cookieExpiry;
        this.clockSource = state::clock;
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
        List<String> ids = lookup.sessionIds(request);
        if (store != null) {
            for (String id : ids) {
                try {
                    store.delete(id);
                } catch (StoreUnavailableException e) {
                    lookup.unavailable(e);
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
            Log.warn(LogId.COMMITTED, "The response to %s was already committed when Staleguard.logout was called: the "
                    + "session is ended, but its cookie could not be expired. Call logout before writing the response.",
                    RequestPaths.loggablePath(request));
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
            // Ended meanwhile or here: the outcome is the same.
            invalidate(session, request);
        }
        fireOnce(request, EndReason.LOGGED_OUT,
                SessionIds.hash(ids.isEmpty() ? request.getRequestedSessionId() : ids.get(0)));
        return written;
    }

    public void endSession(HttpServletRequest request, EndReason reason) {
        String id = eventSessionId(request);
        String idHash = SessionIds.hash(id);
        // A session is deleted from the store once, however many requests recover it (S3); of a burst after an
        // identity switch, the request that ended the session announces it and the others only clean up (E1).
        boolean first = id == null || recentlyEnded.end(id, reason);
        // RecentlyEnded is this node's memory only: when several nodes see the same switch at once, the store decides
        // which request removed the record, and only that one announces (one IDENTITY_CHANGED across the cluster).
        Boolean removedHere = first ? deleteStoreRecords(request, reason == EndReason.IDENTITY_CHANGED) : null;
        // Of a burst after an identity switch, the first call ends the HttpSession and the others only answer: were a
        // later call to invalidate it first, the first one could not tell the burst from a logout and nobody would
        // announce the switch.
        boolean endsHttpSession = first || reason != EndReason.IDENTITY_CHANGED;
        HttpSession session = endsHttpSession ? request.getSession(false) : null;
        // Something else may have invalidated it first: a logout (which announces) or the application. E1 is once per
        // session; in store mode an identity switch is announced on the store's answer instead (below).
        boolean endedElsewhere = session != null && invalidate(session, request) == Invalidation.ENDED_BEFORE;
        counters.increment(Counter.RECOVERED);
        if (reason == EndReason.IDENTITY_CHANGED) {
            counters.increment(Counter.IDENTITY_CHANGED);
        }
        if (Log.isDebugEnabled()) {
            Log.debug(LogId.RECOVERED, "Ended session %s on %s: %s", idHash, RequestPaths.loggablePath(request), reason);
        }
        if (removedHere != null && reason == EndReason.IDENTITY_CHANGED) {
            // The store's answer decides, whoever invalidated the HttpSession: a later call of the same burst on this
            // node can invalidate it while this one is still deleting, and that call never announces.
            if (removedHere) {
                fireOnce(request, reason, idHash);
            }
        } else if (!endedElsewhere && (first || reason != EndReason.IDENTITY_CHANGED)) {
            fireOnce(request, reason, idHash);
        }
    }

    /**
     * S3 on a recovery: a stale or switched-away session's record is deleted, so that it cannot be used again for the
     * rest of its inactivity window (the old user's record after an identity switch). A store that fails is counted
     * and warned about (T1); the recovery goes on, as the cookie is expired anyway.
     *
     * @param arbitrated whether to ask the store which request removed the record ({@link SessionStore#deleteIfPresent})
     * @return when {@code arbitrated} and the store answered: whether this request removed a record (false: another
     *         request, on any node, removed every one first, also when this request's touch or lookup already found
     *         them gone); otherwise null (container mode, no session cookie, a store that failed)
     */
    private Boolean deleteStoreRecords(HttpServletRequest request, boolean arbitrated) {
        if (store == null) {
            return null;
        }
        List<String> ids = lookup.sessionIds(request);
        RequestState state = RequestState.peek(request);
        if (state != null && (Boolean.FALSE.equals(state.rollingAlive) || state.confirmedGone)) {
            // This request's touch or lookup already found every record gone: nothing to delete, and for the
            // arbitration another request (on any node) removed it, exactly as deleteIfPresent would have answered.
            return arbitrated && !ids.isEmpty() ? Boolean.FALSE : null;
        }
        boolean removed = false;
        for (String id : ids) {
            try {
                if (arbitrated) {
                    removed |= store.deleteIfPresent(id);
                } else {
                    store.delete(id);
                }
            } catch (RuntimeException e) {
                lookup.unavailable(e);
                return null;
            }
        }
        return arbitrated && !ids.isEmpty() ? removed : null;
    }

    /** Who ended a session that Staleguard invalidated. */
    private enum Invalidation {
        /** This call. */
        ENDED_HERE,
        /** Something else, before this call. */
        ENDED_BEFORE
    }

    /**
     * Invalidates {@code session}; a container that throws after the session has ended does not undo the end.
     *
     * @throws RuntimeException what {@code invalidate()} threw, when the session is still valid afterwards
     */
    private static Invalidation invalidate(HttpSession session, HttpServletRequest request) {
        try {
            session.invalidate();
            return Invalidation.ENDED_HERE;
        } catch (IllegalStateException alreadyInvalidated) {
            return Invalidation.ENDED_BEFORE;
        } catch (RuntimeException containerFailed) {
            // Payara ends the session completely and only then tells the other requests using it; one that is being
            // recycled at that moment has no context any more, and the call throws a NullPointerException. The
            // session is ended all the same, and so is the recovery or logout that asked for it.
            if (isValid(session)) {
                throw containerFailed;
            }
            // The class name only: a container's message may name the session (E2).
            Log.warn(LogId.INVALIDATE_FAILED, "The container threw %s from HttpSession.invalidate() on %s after the "
                    + "session had ended; the session stays ended and Staleguard went on.",
                    containerFailed.getClass().getName(), RequestPaths.loggablePath(request));
            return Invalidation.ENDED_HERE;
        }
    }

    private static boolean isValid(HttpSession session) {
        try {
            session.getCreationTime();
            return true;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /** E1, T3: one {@code SessionEnded} per request, whoever ends the session and however often. */
    private void fireOnce(HttpServletRequest request, EndReason reason, String idHash) {
        RequestState state = RequestState.of(request);
        if (state.ended != null) {
            return;
        }
        state.ended = reason;
        events.fire(new SessionEnded(idHash, reason, Log.printable(RequestPaths.requestPath(request), 512), clockSource.get().instant()));
    }

    /** In store mode the session is the one the session cookie names, not the container's. */
    public String eventSessionId(HttpServletRequest request) {
        if (store != null) {
            List<String> ids = lookup.sessionIds(request);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        }
        return request.getRequestedSessionId();
    }
}
