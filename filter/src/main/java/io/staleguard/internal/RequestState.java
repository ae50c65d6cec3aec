package io.staleguard.internal;

import io.staleguard.EndReason;
import io.staleguard.internal.rolling.SessionCookieGate;
import jakarta.servlet.ServletRequest;

/**
 * What Staleguard's parts learn about one request and hand on to each other (both filters, {@code Staleguard.logout},
 * the CDI interceptor): one typed object, kept as one request attribute so that every filter instance, a forward and
 * an include see the same state. Created by the first write; reading a request nothing was written on allocates
 * nothing.
 */
public final class RequestState {

    static final String ATTRIBUTE = RequestState.class.getName();

    /** TRUE once a recovery response was written, FALSE when it could not be; null before any recovery. */
    Boolean recovered;
    /** B7: the restart cookie header captured on this request, and its target. */
    public String capturedHeader;
    public String capturedTarget;
    /** I1 with B6: the hash of the identity a trusted proxy now vouches for, on an identity recovery. */
    String identityClaim;
    /**
     * Set by {@code RollingSessionFilter}: TRUE when its touch found the session alive, FALSE when every session id
     * the request carried was gone. B2 trusts it instead of asking the store again.
     */
    public Boolean rollingAlive;
    /** E1, T3: the reason of the one {@code SessionEnded} fired for this request, or null. */
    public EndReason ended;
    /** The store found every session id of this request gone, so a recovery deletes nothing. */
    public boolean confirmedGone;
    /** The rolling filter's response wrapper, for {@code Staleguard.logout} (R3). */
    public SessionCookieGate gate;
    /** The context-relative restart target of the innermost failing {@code @Interaction} step, or null. */
    String restartOverride;

    private RequestState() {
    }

    /** @return the request's state, created on first use */
    public static RequestState of(ServletRequest request) {
        RequestState state = peek(request);
        if (state == null) {
            state = new RequestState();
            request.setAttribute(ATTRIBUTE, state);
        }
        return state;
    }

    /** @return the request's state, or null when nothing was recorded yet */
    public static RequestState peek(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestState state ? state : null;
    }

    /** Records where the request's flow restarts, unless an earlier (inner) step already did. */
    public static void restartOverride(ServletRequest request, String restart) {
        RequestState state = of(request);
        if (state.restartOverride == null) {
            state.restartOverride = restart;
        }
    }

    /** @return the restart target recorded for the request, or null */
    public static String restartOverrideOf(ServletRequest request) {
        RequestState state = peek(request);
        return state == null ? null : state.restartOverride;
    }

    /** For tests: what {@code RollingSessionFilter} handed on to detection, or null when it handed on nothing. */
    public static Boolean rollingAliveOf(ServletRequest request) {
        RequestState state = peek(request);
        return state == null ? null : state.rollingAlive;
    }
}
