/**
 * Staleguard for CDI: the {@link io.staleguard.cdi.Interaction @Interaction} interceptor binding, session ends as CDI
 * events, MicroProfile Config as a configuration source and {@code SessionStore} beans for the filters.
 * <p>
 * Exports {@code io.staleguard.cdi} only. Servlet containers deploy the jar from {@code WEB-INF/lib}, on the class
 * path, where this declaration changes nothing: it only takes effect for code that puts the jar on a module path.
 *
 * @since 0.1
 */
module io.staleguard.cdi {
    // @Interaction refers to the filter API in its contract (SessionNotFoundException, SessionEnded).
    requires transitive io.staleguard;
    // @Interaction is an interceptor binding (jakarta.interceptor) with a @Nonbinding member (jakarta.enterprise.util):
    // jakarta.cdi requires jakarta.interceptor, jakarta.inject and jakarta.annotation transitively.
    requires transitive jakarta.cdi;
    requires jakarta.servlet;
    // The BeanManager and the JTA registry looked up in java:comp.
    requires java.naming;

    // Optional: detected at start-up (internal.Frameworks) and only linked to when present. These are the automatic
    // module names of the APIs' jars (no module-info, no Automatic-Module-Name in them).
    requires static microprofile.config.api;
    requires static microprofile.health.api;
    requires static jakarta.ws.rs;
    requires static jakarta.faces.api;
    requires static jakarta.transaction;

    exports io.staleguard.cdi;

    // Not exported, but open: the CDI container instantiates, proxies and calls the extension, the interceptor and
    // the readiness check by reflection (their observer and @AroundInvoke methods are not all public), and which module
    // the CDI implementation is (Weld, OpenWebBeans, …) is the server's business, so the package is open to all.
    opens io.staleguard.cdi.internal;

    provides jakarta.enterprise.inject.spi.Extension with io.staleguard.cdi.internal.StaleguardExtension;
    provides io.staleguard.SessionEndedListener with io.staleguard.cdi.internal.CdiSessionEvents;
    provides io.staleguard.spi.StoreLocator with io.staleguard.cdi.internal.CdiStoreLocator;
    provides io.staleguard.spi.ExternalConfig with io.staleguard.cdi.internal.MicroProfileConfigSource;
}
