package io.staleguard.javax.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The checks both javax jars share: what the transformer must have done to a jakarta jar to make its javax twin. */
public final class JavaxJars {

    /** Java 17: the release the sources are compiled for, which the transformer keeps. */
    public static final int JAVA_17 = 61;

    private static final String MODULE_INFO = "module-info.class";

    private JavaxJars() {
    }

    /**
     * The javax jar holds exactly the jakarta jar's entries (its own manifest and Maven metadata aside), with
     * {@code META-INF/services/jakarta.*} renamed to {@code javax.*}, and without the jakarta jar's
     * {@code module-info.class} ({@link #assertAutomaticModule}); every entry that is not a class, a service file or
     * {@code web-fragment.xml} is byte for byte the same.
     */
    public static void assertSameEntries(Jar jakarta, Jar javax) {
        Map<String, String> expected = new TreeMap<>();
        for (String name : jakarta.entries().keySet()) {
            if (!Jar.isBuildMetadata(name) && !name.equals(MODULE_INFO)) {
                expected.put(name.replace("META-INF/services/jakarta.", "META-INF/services/javax."), name);
            }
        }
        Set<String> actual = new TreeSet<>(javax.entries().keySet());
        actual.removeIf(Jar::isBuildMetadata);
        assertEquals(expected.keySet(), actual, "the javax jar's entries");
        expected.forEach((javaxName, jakartaName) -> {
            boolean rewritten = javaxName.endsWith(".class") || javaxName.startsWith("META-INF/services/")
                    || javaxName.endsWith(".xml");
            if (!rewritten) {
                assertArrayEquals(jakarta.entries().get(jakartaName), javax.entries().get(javaxName), javaxName);
            }
        });
    }

    /**
     * The jakarta jar is a named module; its javax twin is not, since that module declaration requires jakarta
     * modules ({@code jakarta.servlet}, {@code jakarta.cdi}, ...). The javax jar has no {@code module-info.class},
     * not even a versioned one, and is the automatic module of the same name, from its manifest.
     */
    public static void assertAutomaticModule(Jar jakarta, Jar javax) {
        byte[] declaration = jakarta.entries().get(MODULE_INFO);
        if (declaration == null) {
            throw new AssertionError(jakarta.path().getFileName() + " has no " + MODULE_INFO);
        }
        ModuleDescriptor named = ModuleDescriptor.read(ByteBuffer.wrap(declaration));
        assertEquals(List.of(), javax.entries().keySet().stream().filter(n -> n.endsWith(MODULE_INFO)).toList(),
                javax.path().getFileName() + " carries a module declaration");
        ModuleDescriptor automatic = ModuleFinder.of(javax.path()).findAll().iterator().next().descriptor();
        assertTrue(automatic.isAutomatic(), javax.path().getFileName() + " is an automatic module");
        assertEquals(named.name(), automatic.name(), "its Automatic-Module-Name is the jakarta jar's module name");
    }

    /**
     * No class of the javax jar uses a {@code jakarta} name: the constant pool as the class uses it (rebuilt by ASM
     * from its fields, methods, code and attributes) has none. Entries the raw pool still has are orphans, which no
     * JVM ever resolves; they are printed, for the test report to show.
     */
    public static void assertNoJakartaInUse(Jar javax) {
        List<String> orphans = new ArrayList<>();
        javax.classes().forEach((name, bytes) -> {
            ConstantPool used = ConstantPool.used(bytes);
            List<String> inUse = used.utf8().stream().filter(JavaxJars::namesJakarta).toList();
            assertEquals(List.of(), inUse, name + " uses jakarta names");
            ConstantPool.of(bytes).utf8().stream().filter(JavaxJars::namesJakarta)
                    .forEach(orphan -> orphans.add(name + ": " + orphan));
        });
        javax.entries().forEach((name, bytes) -> {
            if (!name.endsWith(".class") && !Jar.isBuildMetadata(name)) {
                assertFalse(namesJakarta(new String(bytes, StandardCharsets.UTF_8)), name + " names jakarta");
            }
        });
        System.out.println(javax.path().getFileName() + ": orphan jakarta constants (unreferenced, never resolved): "
                + orphans);
    }

    /**
     * Every class, field and method the jar refers to, in the classes {@code external} selects, exists in
     * {@code apis} or the JDK ({@link Linkage}).
     */
    public static void assertLinks(Jar javax, List<Path> apis, Predicate<String> external) throws IOException {
        try (Linkage linkage = new Linkage(apis)) {
            assertEquals(Set.of(), linkage.missing(pools(javax), external), "not in " + apis + " or the JDK");
        }
    }

    /** Every class file is a Java 17 one (major version 61): the javax jars run on the JVMs the jakarta jars run on. */
    public static void assertJava17(Jar jar) {
        jar.classes().forEach((name, bytes) -> assertEquals(JAVA_17, ConstantPool.of(bytes).majorVersion(), name));
    }

    /**
     * The javax jar's {@code -sources.jar} (next to it, as attached) is the jakarta jar's, rewritten: the same entries
     * (service files renamed), and no {@code .java} file says {@code jakarta.servlet} or imports a {@code jakarta}
     * package, while every file that said {@code jakarta.servlet} now says {@code javax.servlet}.
     */
    public static void assertSources(Jar jakartaJar, Jar javaxJar) {
        assumeFalse(Boolean.getBoolean("maven.source.skip"), "built with -Dmaven.source.skip");
        Jar jakarta = Jar.read(classified(jakartaJar, "sources"));
        Jar javax = Jar.read(classified(javaxJar, "sources"));
        assertEquals(renamedServices(jakarta), names(javax), "the javax sources jar's entries");
        int servlet = 0;
        for (var entry : javax.entries().entrySet()) {
            if (!entry.getKey().endsWith(".java")) {
                continue;
            }
            String java = new String(entry.getValue(), StandardCharsets.UTF_8);
            assertFalse(java.contains("jakarta.servlet"), entry.getKey() + " says jakarta.servlet");
            assertFalse(java.lines().anyMatch(line -> line.startsWith("import jakarta.")),
                    entry.getKey() + " imports a jakarta package");
            if (jakarta.text(entry.getKey()).contains("jakarta.servlet")) {
                assertTrue(java.contains("javax.servlet"), entry.getKey() + " lost its servlet references");
                servlet++;
            }
        }
        assertTrue(servlet > 0, "no source file refers to the Servlet API");
    }

    /**
     * The javax jar's {@code -javadoc.jar} (next to it, as attached) is the jakarta jar's Javadoc, rewritten: the same
     * pages, {@code index.html} among them, and no page or search index names a Jakarta EE package.
     */
    public static void assertJavadoc(Jar jakartaJar, Jar javaxJar) {
        assumeFalse(Boolean.getBoolean("maven.javadoc.skip"), "built with -Dmaven.javadoc.skip");
        Jar jakarta = Jar.read(classified(jakartaJar, "javadoc"));
        Jar javax = Jar.read(classified(javaxJar, "javadoc"));
        assertTrue(javax.entries().containsKey("index.html"), javax.path() + " has no index.html");
        assertEquals(names(jakarta), names(javax), "the javax javadoc jar's entries");
        javax.entries().forEach((name, bytes) -> {
            if (name.endsWith(".html") || name.endsWith(".js")) {
                assertFalse(namesJakarta(new String(bytes, StandardCharsets.UTF_8)), name + " names jakarta");
            }
        });
    }

    /** The jar attached beside {@code jar} with {@code classifier}: {@code name-version-classifier.jar}. */
    static Path classified(Jar jar, String classifier) {
        String name = jar.path().getFileName().toString();
        Path attached = jar.path().resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-" + classifier
                + ".jar");
        assertTrue(Files.isRegularFile(attached), "no " + classifier + " jar beside " + jar.path() + ": " + attached);
        return attached;
    }

    private static Set<String> names(Jar jar) {
        Set<String> names = new TreeSet<>(jar.entries().keySet());
        names.removeIf(Jar::isBuildMetadata);
        return names;
    }

    private static Set<String> renamedServices(Jar jar) {
        Set<String> names = new TreeSet<>();
        names(jar).forEach(n -> names.add(n.replace("META-INF/services/jakarta.", "META-INF/services/javax.")));
        return names;
    }

    /** The constant pools of every class in the jar. */
    public static List<ConstantPool> pools(Jar jar) {
        return jar.classes().values().stream().map(ConstantPool::of).toList();
    }

    /** Whether a constant names a Jakarta EE package (the jakarta.ee namespace URI included). */
    static boolean namesJakarta(String constant) {
        return constant.contains("jakarta/") || constant.contains("jakarta.");
    }
}
