package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ModuleDescriptors;

/** The module declaration of staleguard-redis, as compiled into the jar. */
class ModuleDescriptorTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    @DisplayName("module io.staleguard.redis (the jar's former Automatic-Module-Name) exports io.staleguard.redis only")
    void exportsTheApiOnly() throws Exception {
        ModuleDescriptor module = ModuleDescriptors.read(CLASSES);
        assertEquals("io.staleguard.redis", module.name());
        assertFalse(module.isOpen());
        ModuleDescriptors.assertExportsExactly(module, "io.staleguard.redis");
        assertEquals(Set.of(), module.opens());
        assertEquals(Set.of(), ModuleDescriptors.internalClassesInExportedPackages(module, CLASSES));
    }

    @Test
    @DisplayName("it needs the filter and Lettuce (lettuce-core's Automatic-Module-Name), both transitively")
    void requires() throws Exception {
        Map<String, Set<Requires.Modifier>> requires = ModuleDescriptors.read(CLASSES).requires().stream()
                .filter(r -> !r.modifiers().contains(Requires.Modifier.MANDATED))
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        Set<Requires.Modifier> transitive = Set.of(Requires.Modifier.TRANSITIVE);
        assertEquals(Map.of("io.staleguard", transitive, "lettuce.core", transitive), requires);
    }
}
