package io.staleguard.cluster.sso;

import java.time.Instant;
import java.util.Optional;

import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Per node, at start-up:
 * <ul>
 * <li>the container session cookie is named after the node ({@code JSESSIONID_a}), so that behind a balancer without
 * stickiness each node keeps its own {@code HttpSession} for the browser instead of replacing the other node's cookie
 * on every call;</li>
 * <li>with context-param {@value #EVERY_NODE_ANNOUNCES} {@code true} (the foil), the application's store is the shared
 * {@link JdbcSessionStore} seen through a wrapper that cannot tell a gone record: it does not answer
 * {@code deleteIfPresent} itself, so the SPI's default says "removed here" to every caller, and its touch answers
 * "touched" also when the record is gone (else a node whose touch comes after the other node's delete would learn it
 * there: the filters count that as "removed elsewhere" too). The context attribute comes before the {@code store} key
 * (S3).</li>
 * </ul>
 */
@WebListener
public class NodeSetup implements ServletContextListener {

    static final String EVERY_NODE_ANNOUNCES = "sso-app.every-node-announces";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.getSessionCookieConfig().setName("JSESSIONID_" + System.getProperty("jboss.node.name"));
        if (Boolean.parseBoolean(context.getInitParameter(EVERY_NODE_ANNOUNCES))) {
            context.setAttribute(SessionStore.ATTRIBUTE, new CannotTell(new JdbcSessionStore(SharedSessions.dataSource())));
        }
    }

    /** Everything but {@code deleteIfPresent}, which keeps the interface's default; a gone record touches "fine". */
    private record CannotTell(SessionStore real) implements SessionStore {

        @Override
        public Optional<StoredSession> lookup(String id) {
            return real.lookup(id);
        }

        @Override
        public Optional<StoredSession> lookupAuthoritative(String id) {
            return real.lookupAuthoritative(id);
        }

        @Override
        public TouchResult touchIfPresent(String id, Instant newExpiry) {
            TouchResult result = real.touchIfPresent(id, newExpiry);
            return result.isTouched() ? result : TouchResult.touched(newExpiry);
        }

        @Override
        public void delete(String id) {
            real.delete(id);
        }

        @Override
        public void create(String id, StoredSession session) {
            real.create(id, session);
        }
    }
}
