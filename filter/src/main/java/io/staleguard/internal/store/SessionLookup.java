package io.staleguard.internal.store;

import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.RequestState;
import io.staleguard.internal.Settings;
import io.staleguard.internal.recovery.Classifier;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which sessions a request names and whether they are definitively gone (B2, T1, T2): the session cookie's ids, looked
 * up in the store and confirmed on the primary, or the container's verdict in container mode.
 *
 * @param store the application's session store, or null in container mode
 */
public record SessionLookup(Settings settings, SessionStore store, StoreOutages outages) {

    /**
     * At most this many session cookies of one request are looked up, touched or deleted, the first ones sent (the
     * most specific path first). Two cover the one real case of several, a cookie left on an old path next to the
     * current one (B2: alive if any is); more would only let a crafted request multiply the store work. The bound per
     * request: at most 2 touches (rolling), or 2 lookups plus 2 confirming lookups (detection), or 2 deletes (logout);
     * with {@code JdbcSessionStore} at most 6 statements for a rolling request whose ids are both gone.
     */
    static final int MAX_SESSION_IDS = 2;

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
            outages.report(e);
            return false;
        }
    }

    /**
     * T1: whether a store's failure says nothing about the session: a {@link StoreUnavailableException}, or (from a
     * store of the application's own) an exception with a {@code transient-exceptions} class in its cause chain.
     */
    public boolean isTransient(RuntimeException thrown) {
        return thrown instanceof StoreUnavailableException
                || settings.classifier.classify(thrown).kind() == Classifier.Kind.TRANSIENT;
    }

    /**
     * @return the distinct, non-empty values of the session cookies the request carries, in the order sent (the most
     *         specific path first), at most {@value #MAX_SESSION_IDS}
     */
    public List<String> sessionIds(HttpServletRequest request) {
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
    public void unavailable(Throwable thrown) {
        outages.report(thrown);
    }
}
