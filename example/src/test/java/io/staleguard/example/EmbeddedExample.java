package io.staleguard.example;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.Wrapper;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.tomcat.util.scan.StandardJarScanner;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.StaleSessionFilter;

/**
 * The example deployed as WildFly deploys it, minus WildFly: an embedded Tomcat (Servlet 6.0) on a free port, with
 * the context root {@value #CONTEXT}, a copy of {@code src/main/webapp} as the web application (so
 * {@code WEB-INF/web.xml} is the real one), the compiled classes as {@code WEB-INF/classes} (annotations scanned) and
 * the staleguard-filter jar in {@code WEB-INF/lib} (its web-fragment and
 * {@code META-INF/resources/staleguard/staleguard.js} included). Started once per test JVM, on first use; the JVM's
 * exit stops it.
 * <p>
 * The web application's class loader delegates to the test's, so {@link #app()} is the very {@link ExampleApp} the
 * requests use: tests read its event log and its session store.
 */
final class EmbeddedExample {

    static final String CONTEXT = "/staleguard-example";

    private static EmbeddedExample instance;

    private final Tomcat tomcat;
    private final Context context;
    private final URI base;

    private EmbeddedExample(Tomcat tomcat, Context context, URI base) {
        this.tomcat = tomcat;
        this.context = context;
        this.base = base;
    }

    static synchronized EmbeddedExample get() throws Exception {
        if (instance == null) {
            instance = start();
            EmbeddedExample started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "embedded-example-stop"));
        }
        return instance;
    }

    /** {@code http://localhost:<port>/staleguard-example/} */
    URI base() {
        return base;
    }

    jakarta.servlet.ServletContext servletContext() {
        return context.getServletContext();
    }

    ExampleApp app() {
        return ExampleApp.of(context.getServletContext());
    }

    Tour.Browser browser() {
        return new Tour.Browser(base);
    }

    /** @return the count of {@code SessionEnded} events so far, for {@link #reasonsSince(long)} */
    long eventTotal() {
        return app().events().total();
    }

    /** @return the reasons of the events since {@code eventTotal()} was {@code before}, newest first */
    List<EndReason> reasonsSince(long before) {
        EventLog log = app().events();
        synchronized (log) {
            int n = (int) (log.total() - before);
            return log.recent().subList(0, n).stream().map(SessionEnded::reason).toList();
        }
    }

    private static EmbeddedExample start() throws Exception {
        Path baseDir = Files.createDirectories(Path.of("target", "tomcat").toAbsolutePath());
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        // Tomcat's defaults would add a JSP servlet, which is not on the class path: only the default servlet, which
        // serves staleguard.js from the filter jar.
        tomcat.setAddDefaultWebXmlToWebapp(false);

        // The web application directory: src/main/webapp (web.xml), and the filter jar in WEB-INF/lib as a real file,
        // where Tomcat finds its web-fragment.xml and its META-INF/resources as it would in a WAR.
        Path webapp = Path.of("target", "embedded-webapp").toAbsolutePath();
        copyTree(Path.of("src", "main", "webapp").toAbsolutePath(), webapp);
        Path filter = Path.of(StaleSessionFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = Files.createDirectories(webapp.resolve("WEB-INF").resolve("lib")).resolve("staleguard-filter.jar");
        if (Files.isRegularFile(filter)) {
            Files.copy(filter, lib, StandardCopyOption.REPLACE_EXISTING);
        } else {
            // an IDE's build directory: package it the way Maven would
            jar(filter, lib);
        }

        Context context = tomcat.addWebapp(CONTEXT, webapp.toString());
        Wrapper defaultServlet = Tomcat.addServlet(context, "default", DefaultServlet.class.getName());
        defaultServlet.setLoadOnStartup(1);
        defaultServlet.setOverridable(true);
        context.addServletMappingDecoded("/", "default");
        Tomcat.addDefaultMimeTypeMappings(context);
        // Only WEB-INF/lib is scanned for fragments: the filter jar is on the test class path too, and a second
        // "staleguard" fragment would be an error.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        WebResourceRoot resources = new StandardRoot(context);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                Path.of("target", "classes").toAbsolutePath().toString(), "/"));
        context.setResources(resources);
        WebappLoader loader = new WebappLoader();
        loader.setDelegate(true);
        context.setLoader(loader);
        context.setParentClassLoader(EmbeddedExample.class.getClassLoader());

        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        if (port <= 0 || !context.getState().isAvailable()) {
            tomcat.stop();
            throw new IllegalStateException("the example did not start in the embedded Tomcat: " + context.getState());
        }
        return new EmbeddedExample(tomcat, context, new URI("http", null, "localhost", port, CONTEXT + "/", null,
                null));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // the JVM is exiting
        }
    }
}
