package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ClassFiles;

/**
 * The Redis store is built on the published API only (issue 13): no compiled class of this module refers to a type of
 * {@code io.staleguard.internal}, which may change in any release.
 */
class NoInternalTypesTest {

    @Test
    @DisplayName("no class of staleguard-redis refers to io.staleguard.internal")
    void onlyPublishedTypes() throws IOException {
        assertEquals(List.of(), ClassFiles.referringTo(Path.of("target/classes"), "io.staleguard.internal"));
    }
}
