package io.staleguard.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ModuleDescriptors;

/** The module declaration of staleguard-cdi, as compiled into the jar. */
class ModuleDescriptorTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    @DisplayName("module io.staleguard.cdi (the jar's former Automatic-Module-Name) exports io.staleguard.cdi only")
    void exportsTheApiOnly() throws Exception {
        ModuleDescriptor module = ModuleDescriptors.read(CLASSES);
        assertEquals("io.staleguard.cdi", module.name());
        assertFalse(module.isOpen());
        ModuleDescriptors.assertExportsExactly(module, "io.staleguard.cdi");
        assertEquals(Set.of(), ModuleDescriptors.internalClassesInExportedPackages(module, CLASSES));
    }

    @Test
    @DisplayName("its internal package is open (not exported) to the CDI container, which calls it by reflection")
    void internalOpenForCdi() throws Exception {
        ModuleDescriptor module = ModuleDescriptors.read(CLASSES);
        assertEquals(Map.of("io.staleguard.cdi.internal", Set.of()), module.opens().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Opens::source, ModuleDescriptor.Opens::targets)));
    }

    @Test
    @DisplayName("it provides every service of its META-INF/services, with the same implementation")
    void providesWhatTheClassPathFinds() throws Exception {
        Map<String, List<String>> services = new TreeMap<>();
        for (String service : ModuleDescriptors.serviceFiles(CLASSES)) {
            services.put(service, Files.readAllLines(CLASSES.resolve("META-INF/services").resolve(service)).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        }
        Map<String, List<String>> provides = new TreeMap<>();
        ModuleDescriptors.read(CLASSES).provides().forEach(p -> provides.put(p.service(), p.providers()));
        assertEquals(4, services.size(), "services: " + services);
        assertEquals(services, provides);
    }

    @Test
    @DisplayName("it needs the filter and CDI; the optional APIs only when present (static)")
    void requires() throws Exception {
        Map<String, Set<Requires.Modifier>> requires = ModuleDescriptors.read(CLASSES).requires().stream()
                .filter(r -> !r.modifiers().contains(Requires.Modifier.MANDATED))
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        Set<Requires.Modifier> transitive = Set.of(Requires.Modifier.TRANSITIVE);
        Set<Requires.Modifier> optional = Set.of(Requires.Modifier.STATIC);
        assertEquals(Map.of("io.staleguard", transitive, "jakarta.cdi", transitive, "jakarta.servlet", Set.of(),
                "java.naming", Set.of(), "microprofile.config.api", optional, "microprofile.health.api", optional,
                "jakarta.ws.rs", optional, "jakarta.faces.api", optional, "jakarta.transaction", optional), requires);
    }
}
