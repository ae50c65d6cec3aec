package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ClassReferences;

/** No two classes of staleguard-redis depend on each other, directly or through a ring, read from the compiled classes. */
class NoCyclesTest {

    @Test
    @DisplayName("no dependency cycle between the top-level classes of staleguard-redis")
    void noCycles() throws IOException {
        List<Set<String>> cycles = ClassReferences.cycles(ClassReferences.of(Path.of("target/classes"),
                "io.staleguard."));
        assertEquals(List.of(), cycles);
    }
}
