package io.staleguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;

import io.staleguard.bench.peers.PeerLoginServlet;
import io.staleguard.bench.peers.PeerLogoutServlet;
import io.staleguard.bench.peers.PeerPageServlet;
import io.staleguard.bench.peers.SpringSessions;

/**
 * One embedded Tomcat 10.1 (the version of the Tomcat tests) in this JVM, with one context per {@link PeerApp}:
 * {@code /<app>/login}, {@code /<app>/page} and {@code /<app>/logout}, the container's session cookie named
 * {@code SID}, sessions never persisted. HTTP on 127.0.0.1, port {@code bench.peers.port} (default 0: any free one).
 */
final class PeersServer implements AutoCloseable {

    private final Tomcat tomcat;
    final int port;

    private PeersServer(Tomcat tomcat) {
        this.tomcat = tomcat;
        this.port = tomcat.getConnector().getLocalPort();
    }

    static PeersServer start(Path work, List<PeerApp> apps) throws LifecycleException, IOException {
        Files.createDirectories(work);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        tomcat.setPort(Integer.getInteger("bench.peers.port", 0));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getHost().setAutoDeploy(false);
        for (PeerApp app : apps) {
            Path docBase = Files.createDirectories(work.resolve("webapps").resolve(app.app));
            Context context = tomcat.addContext("/" + app.app, docBase.toString());
            context.setSessionCookieName(SpringSessions.COOKIE);
            StandardManager sessions = new StandardManager();
            sessions.setPathname(null);
            context.setManager(sessions);
            Tomcat.addServlet(context, "login", new PeerLoginServlet()).addMapping("/login");
            Tomcat.addServlet(context, "page", new PeerPageServlet()).addMapping("/page");
            Tomcat.addServlet(context, "logout", new PeerLogoutServlet()).addMapping("/logout");
            context.addServletContainerInitializer((classes, servletContext) -> app.install(servletContext), null);
        }
        tomcat.start();
        for (PeerApp app : apps) {
            if (!tomcat.getHost().findChild("/" + app.app).getState().isAvailable()) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("The peers application /" + app.app + " did not start on Tomcat");
            }
        }
        return new PeersServer(tomcat);
    }

    /** This JVM's CPU time: the server's, the stores' clients' and the load client's together. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
