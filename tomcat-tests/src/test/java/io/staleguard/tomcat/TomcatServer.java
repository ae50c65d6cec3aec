package io.staleguard.tomcat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.staleguard.it.support.Server;
import org.apache.catalina.Container;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An embedded Tomcat that deploys web applications the way a standalone Tomcat deploys an unpacked war: a docBase
 * directory under {@code target/tomcat} with {@code WEB-INF/web.xml}, {@code WEB-INF/classes} and
 * {@code WEB-INF/lib/staleguard-filter.jar}, read by Tomcat's own {@link ContextConfig} (web.xml, web-fragments in
 * {@code WEB-INF/lib}, {@code @WebServlet} scanning, {@code META-INF/services}), loaded by the webapp class loader
 * (local classes first). Only the application's own jars are scanned, as in a standalone Tomcat whose class path holds
 * nothing but Tomcat: the test class path is not. HTTP on 127.0.0.1 and an ephemeral port.
 * <p>
 * The server's log (JUL, where Tomcat and Staleguard's {@code System.Logger} both write) also goes, synchronously, to
 * {@code target/tomcat/server.log}, one record per line after a timestamp, for {@link io.staleguard.it.support.ServerLog}.
 * <p>
 * One instance per test JVM, shared by the test classes: {@link #start()} in {@code @BeforeAll}; failsafe's JVM exit
 * stops it.
 */
public final class TomcatServer implements Server {

    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private static Tomcat tomcat;
    private static Path dir;

    /** Starts the server once per JVM. */
    public static synchronized void start() throws LifecycleException, IOException {
        if (tomcat != null) {
            return;
        }
        dir = Path.of(Server.property("staleguard.tomcat.dir"));
        Files.createDirectories(dir);
        deleteRecursively(dir.resolve("webapps"));
        logToFile(dir.resolve("server.log"));
        Tomcat t = new Tomcat();
        t.setBaseDir(dir.toString());
        t.setPort(0);
        t.getConnector().setProperty("address", "127.0.0.1");
        t.getHost().setAutoDeploy(false);
        t.start();
        tomcat = t;
        Runtime.getRuntime().addShutdownHook(new Thread(TomcatServer::stop, "tomcat-tests-shutdown"));
    }

    private static synchronized void stop() {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks {@code war} into a new docBase and starts it at {@code /<name without .war>}.
     *
     * @return the application's base URL, ending in {@code /}
     * @throws IllegalStateException if the application failed to start (Tomcat's reason is in the server log)
     */
    public static synchronized URL deploy(WebArchive war) {
        String name = war.getName().substring(0, war.getName().length() - ".war".length());
        Path docBase = dir.resolve("webapps").resolve(name + "-" + DEPLOYMENTS.incrementAndGet());
        unpack(war, docBase);

        StandardContext context = new StandardContext();
        context.setName("/" + name);
        context.setPath("/" + name);
        context.setDocBase(docBase.toString());
        ContextConfig config = new ContextConfig();
        // No conf/web.xml defaults (default servlet, JSP): the application's web.xml and fragments are all there is.
        config.setDefaultWebXml(Constants.NoDefaultWebXml);
        context.addLifecycleListener(config);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        // A re-provisioned server has no SESSIONS.ser: without this, StandardManager would save the sessions when the
        // old context stops and restore them into the new one, which is a graceful reload, not incident 1.
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null);
        context.setManager(sessions);
        tomcat.getHost().addChild(context);
        if (!context.getState().isAvailable()) {
            tomcat.getHost().removeChild(context);
            throw new IllegalStateException(war.getName() + " did not start on Tomcat; see " + dir.resolve("server.log"));
        }
        try {
            return new URL("http", "127.0.0.1", tomcat.getConnector().getLocalPort(), "/" + name + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops and removes the application at {@code /<name>}, if any. */
    public static synchronized void undeploy(String warName) {
        String path = "/" + warName.substring(0, warName.length() - ".war".length());
        Container existing = tomcat.getHost().findChild(path);
        if (existing != null) {
            tomcat.getHost().removeChild(existing);
        }
    }

    @Override
    public String name() {
        return "Tomcat " + ServerInfo.getServerNumber();
    }

    @Override
    public Path logFile() {
        return dir.resolve("server.log");
    }

    /** The old context is stopped and removed (its sessions with it) and the archive starts in a fresh docBase. */
    @Override
    public void reprovision(Archive<?> archive) {
        undeploy(archive.getName());
        deploy(archive.as(WebArchive.class));
    }

    /**
     * Unzips the war as a servlet container unpacks it. (ShrinkWrap's exploded exporter would explode
     * {@code WEB-INF/lib/*.jar} into directories too, which Tomcat rightly ignores.)
     */
    private static void unpack(WebArchive war, Path docBase) {
        try (ZipInputStream zip = new ZipInputStream(war.as(ZipExporter.class).exportAsInputStream())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = docBase.resolve(entry.getName()).normalize();
                if (!target.startsWith(docBase)) {
                    throw new IllegalArgumentException("entry outside the docBase: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void logToFile(Path file) throws IOException {
        Handler handler = new FileHandler(file.toString(), true) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringWriter trace = new StringWriter();
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                }
                return String.format("%1$tF %1$tT,%1$tL %2$s [%3$s] %4$s%n%5$s", record.getMillis(),
                        record.getLevel().getName(), record.getLoggerName(), formatMessage(record), trace);
            }
        });
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }
}
