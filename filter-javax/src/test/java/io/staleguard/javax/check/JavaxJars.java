package io.staleguard.javax.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /** The constant pools of every class in the jar. */
    public static List<ConstantPool> pools(Jar jar) {
        return jar.classes().values().stream().map(ConstantPool::of).toList();
    }

    /** Whether a constant names a Jakarta EE package (the jakarta.ee namespace URI included). */
    static boolean namesJakarta(String constant) {
        return constant.contains("jakarta/") || constant.contains("jakarta.");
    }
}
