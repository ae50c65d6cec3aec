package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ClassReferences;

/**
 * No two classes of the filter depend on each other, directly or through a ring (the core redesign): a maintainer
 * can read and change each class knowing only what it uses. Read from the compiled classes, so every reference
 * counts, nested classes as part of their file.
 */
class NoCyclesTest {

    @Test
    @DisplayName("no dependency cycle between the filter's top-level classes")
    void noCycles() throws IOException {
        List<Set<String>> cycles = ClassReferences.cycles(ClassReferences.of(Path.of("target/classes"),
                "io.staleguard."));
        assertEquals(List.of(), cycles);
    }
}
