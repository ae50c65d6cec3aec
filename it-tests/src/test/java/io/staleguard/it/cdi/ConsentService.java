package io.staleguard.it.cdi;

import io.staleguard.SessionNotFoundException;
import io.staleguard.cdi.Interaction;
import io.staleguard.store.StoreUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The consent step as a CDI bean that servlets call, each method in one of the shapes {@link Interaction} handles
 * differently (C1). Every method restarts the flow at {@code /authorize}.
 */
@RequestScoped
@Interaction(restart = "/authorize")
public class ConsentService {

    @Inject
    Consents consents;

    /**
     * "Allow access": the callback URL to send the browser to; null when Staleguard answered instead (the documented
     * contract of a reference-returning {@code @Interaction} method).
     */
    public String confirm() {
        return consents.finish();
    }

    /** What is waiting for consent; a method that normally returns normally. */
    public String pending() {
        return consents.require();
    }

    /** A primitive can carry no "Staleguard answered": a stale session goes on to the filter, with this restart. */
    public int attempts() {
        consents.require();
        return 1;
    }

    /**
     * T1: the store the consents live in timed out, and a replica had answered "not found" before: transient wins, so
     * this must never end the session.
     */
    public void storeOutage() {
        throw new StoreUnavailableException("consent store timed out",
                new SessionNotFoundException("replica answered: no such consent"));
    }

    /** Called after the response was committed. */
    public void review() {
        consents.require();
    }
}
