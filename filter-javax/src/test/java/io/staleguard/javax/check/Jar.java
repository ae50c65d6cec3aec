package io.staleguard.javax.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;

/** A jar as built, read whole: entry name → bytes, directories left out. */
public record Jar(Path path, Map<String, byte[]> entries) {

    /** The jar a system property set by the pom names. */
    public static Jar fromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " must name a built jar (it is " + value
                    + "): run the tests through Maven, mvn -B verify -pl <module> -am");
        }
        return read(Path.of(value));
    }

    public static Jar read(Path path) {
        Map<String, byte[]> entries = new TreeMap<>();
        try (JarFile jar = new JarFile(path.toFile())) {
            for (var e = jar.entries(); e.hasMoreElements();) {
                var entry = e.nextElement();
                if (!entry.isDirectory()) {
                    try (var in = jar.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Jar(path, Collections.unmodifiableMap(entries));
    }

    /** The class files, by entry name. */
    public Map<String, byte[]> classes() {
        Map<String, byte[]> classes = new TreeMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                classes.put(name, bytes);
            }
        });
        return classes;
    }

    /** The entries a published jar carries for its own sake, which differ between any two builds. */
    public static boolean isBuildMetadata(String name) {
        return name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/");
    }

    public String text(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new AssertionError(path.getFileName() + " has no " + name);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
