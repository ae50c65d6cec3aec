package io.staleguard.it.cdi;

import io.staleguard.SessionNotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The provider's consent step, kept in the {@code HttpSession} as incident 1's provider keeps its interaction: started
 * by {@code /authorize}, finished by "Allow access". No Staleguard annotation here: this is the application's own code,
 * which throws the provider's "session not found" when the session it needs is gone.
 */
@RequestScoped
public class Consents {

    static final String ATTRIBUTE = "pending-consent";

    @Inject
    HttpServletRequest request;

    @Inject
    IssuedCodes codes;

    /** Opens a session (or reuses the current one) holding a consent to give for {@code state}. */
    public void start(String state) {
        request.getSession(true).setAttribute(ATTRIBUTE, state);
    }

    /**
     * @return the state of the consent in progress
     * @throws SessionNotFoundException when the browser's session, or the consent in it, is gone
     */
    public String require() {
        HttpSession session = request.getSession(false);
        Object state = session == null ? null : session.getAttribute(ATTRIBUTE);
        if (state == null) {
            throw new SessionNotFoundException("session not found");
        }
        return (String) state;
    }

    /** Gives the consent: returns the client's callback URL with a one-time code. */
    public String finish() {
        String state = require();
        request.getSession(false).removeAttribute(ATTRIBUTE);
        return request.getContextPath() + "/callback?code=" + codes.issue(state) + "&state=" + state;
    }
}
