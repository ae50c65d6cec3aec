package io.staleguard.example;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.staleguard.SessionEndedListener;
import io.staleguard.example.consent.Interactions;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * The example's server-side state: every store the incidents keep, the live sessions, and the Staleguard event log.
 * {@link #redeploy()} forgets all of it at once, which is what a redeploy, a re-provisioned pod or a wiped session
 * store does to a real application while browsers keep their cookies.
 */
@WebListener
public class ExampleApp implements ServletContextListener, HttpSessionListener {

    private static final System.Logger LOG = System.getLogger(ExampleApp.class.getName());
    private static final String ATTRIBUTE = ExampleApp.class.getName();

    private final Clock clock = Clock.systemUTC();
    private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();
    private final EventLog events = new EventLog(clock);
    private final Interactions interactions = new Interactions();

    /** What a redeploy threw away. */
    public record Wiped(int interactions, int sessions) {
    }

    public static ExampleApp of(ServletContext context) {
        return (ExampleApp) context.getAttribute(ATTRIBUTE);
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        ServletContext context = sce.getServletContext();
        context.setAttribute(ATTRIBUTE, this);
        context.setAttribute(SessionEndedListener.ATTRIBUTE, events);
        LOG.log(Level.INFO, "Staleguard example is ready at {0}", whereToFindIt(context));
    }

    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        sce.getServletContext().removeAttribute(SessionEndedListener.ATTRIBUTE);
        sce.getServletContext().removeAttribute(ATTRIBUTE);
    }

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        sessions.add(se.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        sessions.remove(se.getSession());
    }

    /** Forgets every interaction, authorization code and session; the browsers keep their cookies. */
    public Wiped redeploy() {
        int droppedSessions = 0;
        for (HttpSession s : sessions) {
            sessions.remove(s);
            try {
                s.invalidate();
                droppedSessions++;
            } catch (IllegalStateException alreadyGone) {
                // it expired or was invalidated meanwhile: gone either way
            }
        }
        return new Wiped(interactions.clear(), droppedSessions);
    }

    public EventLog events() {
        return events;
    }

    public Interactions interactions() {
        return interactions;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The start page's address for the log. WildFly tells its port offset through a system property; elsewhere only
     * the path is certain.
     */
    private static String whereToFindIt(ServletContext context) {
        String path = context.getContextPath() + "/";
        if (System.getProperty("jboss.home.dir") == null) {
            return path;
        }
        try {
            int port = Integer.parseInt(System.getProperty("jboss.http.port", "8080"))
                    + Integer.parseInt(System.getProperty("jboss.socket.binding.port-offset", "0"));
            return "http://localhost:" + port + path;
        } catch (NumberFormatException e) {
            return path;
        }
    }
}
