package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ModuleDescriptors;

/** The module declaration of staleguard-filter, as compiled into the jar. */
class ModuleDescriptorTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    @DisplayName("module io.staleguard (the jar's former Automatic-Module-Name) exports the API, store and spi, nothing else")
    void exportsTheApiOnly() throws Exception {
        ModuleDescriptor module = ModuleDescriptors.read(CLASSES);
        assertEquals("io.staleguard", module.name());
        assertFalse(module.isOpen(), "an open module would hand its internals to reflection");
        ModuleDescriptors.assertExportsExactly(module, "io.staleguard", "io.staleguard.store", "io.staleguard.spi");
        assertEquals(Set.of(), module.opens());
        assertEquals(Set.of(), ModuleDescriptors.internalClassesInExportedPackages(module, CLASSES));

        Set<String> internal = module.packages().stream().filter(p -> p.startsWith("io.staleguard.internal"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(internal.isEmpty(), "the internal packages are in the module, unexported: " + module.packages());
    }

    @Test
    @DisplayName("it uses the three services it loads, and provides none (Undertow's extension stays a class-path service)")
    void services() throws Exception {
        ModuleDescriptor module = ModuleDescriptors.read(CLASSES);
        assertEquals(Set.of(SessionEndedListener.class.getName(), io.staleguard.spi.StoreLocator.class.getName(),
                io.staleguard.spi.ExternalConfig.class.getName()), module.uses());
        // Undertow is optional and never packaged: a provides clause for it would fail resolution without it.
        assertEquals(Set.of(), module.provides());
        assertEquals(Set.of("io.undertow.servlet.ServletExtension"), ModuleDescriptors.serviceFiles(CLASSES),
                "a new META-INF/services file needs a decision: provides in module-info.java, or a reason not to");
    }

    @Test
    @DisplayName("it needs the Servlet API (transitively), java.sql (transitively), JNDI and JMX; Undertow only to compile")
    void requires() throws Exception {
        Map<String, Set<Requires.Modifier>> requires = ModuleDescriptors.read(CLASSES).requires().stream()
                .filter(r -> !r.modifiers().contains(Requires.Modifier.MANDATED))
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        Set<Requires.Modifier> transitive = Set.of(Requires.Modifier.TRANSITIVE);
        Set<Requires.Modifier> compileOnly = Set.of(Requires.Modifier.STATIC);
        assertEquals(Map.of("jakarta.servlet", transitive, "java.sql", transitive, "java.naming", Set.of(),
                "java.management", Set.of(), "undertow.core", compileOnly, "undertow.servlet", compileOnly), requires,
                "every module but the JDK's and the Servlet API must be optional (static): the jar has no dependency");
    }
}
