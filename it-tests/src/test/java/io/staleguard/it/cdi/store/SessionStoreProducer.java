package io.staleguard.it.cdi.store;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** S3 as users write it: the application's session store is a CDI bean, and Staleguard's filters use that one. */
@ApplicationScoped
public class SessionStoreProducer {

    @Produces
    @ApplicationScoped
    SessionStore sessionStore() {
        return new InMemorySessionStore();
    }
}
