package io.staleguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The module declaration a published jar carries, read from the compiled {@code target/classes/module-info.class}
 * (the tests themselves run on the class path, where the declaration has no effect), for the {@code ModuleDescriptorTest}
 * of each published module.
 */
public final class ModuleDescriptors {

    private ModuleDescriptors() {
    }

    /**
     * @return the declaration compiled into {@code classes}, such as a module's {@code target/classes}, with the
     *         packages found there (javac does not record them in the class file; the jar tool would)
     */
    public static ModuleDescriptor read(Path classes) throws IOException {
        Set<String> packages = packages(classes);
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in, () -> packages);
        }
    }

    /** The packages of the classes under {@code classes}. */
    private static Set<String> packages(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f).getParent())
                    .filter(directory -> directory != null && !directory.startsWith("META-INF"))
                    .map(directory -> directory.toString().replace(directory.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Asserts the module's exports, exactly: these packages, each to every module (no qualified exports, which would
     * hand a package to a module of its choosing).
     */
    public static void assertExportsExactly(ModuleDescriptor module, String... packages) {
        Set<String> exports = module.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of(packages)), exports, module.name() + " exports");
    }

    /**
     * @return the classes compiled into {@code classes} that lie in an exported package of {@code module} but whose
     *         name says they are internal (a class named {@code *Internal*}, or in a package named so)
     */
    public static Set<String> internalClassesInExportedPackages(ModuleDescriptor module, Path classes)
            throws IOException {
        Set<String> found = new TreeSet<>();
        for (ModuleDescriptor.Exports export : module.exports()) {
            Path directory = classes.resolve(export.source().replace('.', '/'));
            try (Stream<Path> files = Files.list(directory)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                        .map(f -> export.source() + "." + f.substring(0, f.length() - ".class".length()))
                        .filter(name -> name.toLowerCase(Locale.ROOT).contains("internal")).forEach(found::add);
            }
        }
        return found;
    }

    /** @return the service types named in {@code META-INF/services} under {@code classes} */
    public static Set<String> serviceFiles(Path classes) throws IOException {
        Path services = classes.resolve("META-INF/services");
        if (!Files.isDirectory(services)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(services)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
