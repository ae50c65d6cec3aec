package io.staleguard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.staleguard.StaleSessionFilter;
import io.staleguard.bench.e2e.E2eHeadersPageServlet;
import io.staleguard.bench.e2e.E2eLoginServlet;
import io.staleguard.bench.e2e.E2ePageServlet;
import io.staleguard.bench.e2e.E2eStoreLoginServlet;

/**
 * Builds the end-to-end benchmark's three WARs at run time from the class path, so the benchmark needs no packaging
 * step of its own: {@code plain.war} (the servlets and {@code e2e/plain-web.xml}), {@code guarded.war} (the same
 * servlets, {@code e2e/guarded-web.xml} and the staleguard-filter jar in {@code WEB-INF/lib}) and {@code headers.war}
 * (the servlets with {@link E2eHeadersPageServlet} as the page, {@code e2e/headers-web.xml}, no Staleguard).
 */
final class E2eWars {

    /** The context path of {@link #writePlain}'s WAR. */
    static final String PLAIN = "plain";
    /** The context path of {@link #writeGuarded}'s WAR. */
    static final String GUARDED = "guarded";
    /** The context path of {@link #writeHeaders}'s WAR. */
    static final String HEADERS = "headers";

    private E2eWars() {
    }

    /** Writes {@code plain.war} into {@code directory}. */
    static Path writePlain(Path directory) throws IOException {
        return write(directory.resolve(PLAIN + ".war"), "e2e/plain-web.xml",
                List.of(E2ePageServlet.class, E2eLoginServlet.class), null);
    }

    /** Writes {@code guarded.war} into {@code directory}. */
    static Path writeGuarded(Path directory) throws IOException {
        return write(directory.resolve(GUARDED + ".war"), "e2e/guarded-web.xml",
                List.of(E2ePageServlet.class, E2eLoginServlet.class, E2eStoreLoginServlet.class), filterJar());
    }

    /** Writes {@code headers.war} into {@code directory}. */
    static Path writeHeaders(Path directory) throws IOException {
        return write(directory.resolve(HEADERS + ".war"), "e2e/headers-web.xml",
                List.of(E2ePageServlet.class, E2eHeadersPageServlet.class, E2eLoginServlet.class), null);
    }

    private static Path write(Path war, String webXml, List<Class<?>> classes, byte[] filterJar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
            put(out, "WEB-INF/web.xml", resource(webXml));
            for (Class<?> c : classes) {
                // its nested classes too (a nest's host lists itself first)
                for (Class<?> member : c.getNestMembers()) {
                    String name = member.getName().replace('.', '/') + ".class";
                    put(out, "WEB-INF/classes/" + name, resource(name));
                }
            }
            if (filterJar != null) {
                put(out, "WEB-INF/lib/staleguard-filter.jar", filterJar);
            }
        }
        return war;
    }

    /**
     * The staleguard-filter jar, as the class path holds it: the module's jar, or in a reactor build that stopped
     * before {@code package} (or an IDE) its classes directory, which is jarred up here.
     */
    static byte[] filterJar() throws IOException {
        Path location;
        try {
            location = Path.of(StaleSessionFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the staleguard-filter classes", e);
        }
        if (Files.isRegularFile(location)) {
            return Files.readAllBytes(location);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(location)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file)) {
                    put(jar, location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = E2eWars.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Not on the class path: " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
