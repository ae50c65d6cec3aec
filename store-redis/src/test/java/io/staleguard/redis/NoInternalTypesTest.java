package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Redis store is built on the published API only (issue 13): no compiled class of this module refers to a type of
 * {@code io.staleguard.internal}, which may change in any release. Class files name every type they use in their
 * constant pool, so a reference, an import or a signature shows up as the package's internal name.
 */
class NoInternalTypesTest {

    @Test
    @DisplayName("no class of staleguard-redis refers to io.staleguard.internal")
    void onlyPublishedTypes() throws IOException {
        Path classes = Path.of("target/classes");
        List<Path> offending;
        try (Stream<Path> files = Files.walk(classes)) {
            offending = files.filter(f -> f.toString().endsWith(".class")).filter(NoInternalTypesTest::refersToInternal)
                    .toList();
        }
        assertEquals(List.of(), offending);
    }

    private static boolean refersToInternal(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
                    .contains("io/staleguard/internal");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
