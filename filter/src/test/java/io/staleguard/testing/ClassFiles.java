package io.staleguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which compiled classes of a module refer to a package. Class files name every type they use in their constant pool,
 * so a reference, an import or a signature shows up as the package's internal name ({@code io/staleguard/internal}).
 */
public final class ClassFiles {

    private ClassFiles() {
    }

    /**
     * @param classes a module's {@code target/classes}
     * @param packageName a package such as {@code io.staleguard.internal}; its subpackages count too
     * @return the class files under {@code classes} that refer to a type of that package
     */
    public static List<Path> referringTo(Path classes, String packageName) throws IOException {
        String internalName = packageName.replace('.', '/') + "/";
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).filter(f -> contains(f, internalName)).toList();
        }
    }

    private static boolean contains(Path classFile, String internalName) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(internalName);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
