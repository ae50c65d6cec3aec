package io.staleguard.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ClassFiles;

/**
 * The CDI module is built on the filter's published API and SPI only ({@code io.staleguard}, {@code .store},
 * {@code .spi}): no compiled class of it refers to a type of {@code io.staleguard.internal}, which may change in any
 * release. Its own {@code io.staleguard.cdi.internal} is a different package.
 */
class NoInternalTypesTest {

    @Test
    @DisplayName("no class of staleguard-cdi refers to io.staleguard.internal")
    void onlyPublishedTypes() throws IOException {
        assertEquals(List.of(), ClassFiles.referringTo(Path.of("target/classes"), "io.staleguard.internal"));
    }
}
