package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jakarta.servlet.Filter;

/**
 * The filter jar on a module path: {@code target/classes} and the Servlet API resolved into a module layer of their
 * own, as an application that puts them on {@code --module-path} gets them (and without Undertow, whose classes the
 * module needs only to compile). The tests run on the class path, so this layer is the one place the declaration is
 * enforced.
 */
class ModulePathTest {

    private static final Path CLASSES = Path.of("target", "classes");

    private ModuleLayer layer;
    private Module module;

    @BeforeEach
    void resolve() throws Exception {
        Path servletApi = Path.of(Filter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleFinder finder = ModuleFinder.of(CLASSES, servletApi);
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("io.staleguard"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        module = layer.findModule("io.staleguard").orElseThrow();
    }

    @Test
    @DisplayName("the filters load from the module and are public API to any module")
    void filtersLoad() throws Exception {
        for (String name : List.of("io.staleguard.StaleSessionFilter", "io.staleguard.RollingSessionFilter")) {
            Class<?> filter = Class.forName(name, true, layer.findLoader("io.staleguard"));
            assertSame(module, filter.getModule());
            assertTrue(filter.getModule().isNamed());
            assertEquals("jakarta.servlet", filter.getInterfaces()[0].getModule().getName(),
                    "a Filter of the Servlet API module in the same layer");
            assertSame(filter, MethodHandles.publicLookup().accessClass(filter));
            Object instance = filter.getConstructor().newInstance();
            assertSame(filter, instance.getClass());
        }
    }

    @Test
    @DisplayName("exactly io.staleguard, .store and .spi are exported; no internal package is exported or open to anyone")
    void internalPackagesStayInside() {
        Module unnamed = getClass().getModule();
        assertFalse(unnamed.isNamed(), "the test runs on the class path");
        Module other = layer.findModule("jakarta.servlet").orElseThrow();

        Set<String> exported = module.getPackages().stream().filter(module::isExported)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("io.staleguard", "io.staleguard.spi", "io.staleguard.store"), exported);

        Set<String> internal = module.getPackages().stream().filter(p -> p.startsWith("io.staleguard.internal"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(internal.isEmpty(), "packages: " + module.getPackages());
        for (String p : internal) {
            assertFalse(module.isExported(p, unnamed), p + " exported to the unnamed module");
            assertFalse(module.isExported(p, other), p + " exported to " + other.getName());
            assertFalse(module.isOpen(p, unnamed), p + " open to the unnamed module");
            assertFalse(module.isOpen(p, other), p + " open to " + other.getName());
        }
    }

    @Test
    @DisplayName("a public class of an internal package is out of reach of code outside the module")
    void internalClassesAreUnreachable() throws Exception {
        ClassLoader loader = layer.findLoader("io.staleguard");
        List<Class<?>> checked = new ArrayList<>();
        for (String name : publicInternalClassNames()) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // needs what is not in the layer (Undertow's extension)
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            assertThrows(IllegalAccessException.class, () -> MethodHandles.publicLookup().accessClass(type), name);
            checked.add(type);
        }
        assertFalse(checked.isEmpty(), "no public class in an internal package to check");
    }

    @Test
    @DisplayName("JMX reads the counters of a module whose internal packages it cannot see")
    void countersReadableOverJmx() throws Exception {
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(layer.configuration(),
                List.of(ModuleLayer.boot()), ClassLoader.getPlatformClassLoader());
        Module counters = controller.layer().findModule("io.staleguard").orElseThrow();
        // Only this test may reach the internal class to make one; JMX gets no such favour.
        controller.addOpens(counters, "io.staleguard.internal.ops", getClass().getModule());
        ClassLoader loader = controller.layer().findLoader("io.staleguard");
        Object instance = Class.forName("io.staleguard.internal.ops.Counters", true, loader).getConstructor()
                .newInstance();
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("io.staleguard:type=Staleguard,context=/module-path");
        server.registerMBean(instance, name);
        assertEquals(0L, server.getAttribute(name, "Recovered"));
        assertEquals(Set.of("Recovered", "LoopGuarded", "IdentityChanged", "Rolled", "Gone", "Unavailable"),
                Stream.of(server.getMBeanInfo(name).getAttributes()).map(a -> a.getName()).collect(Collectors.toSet()));
    }

    /** Top-level classes of the internal packages, as compiled; which of them are public is asked of the class. */
    private static List<String> publicInternalClassNames() throws Exception {
        Path internal = CLASSES.resolve("io/staleguard/internal");
        try (Stream<Path> files = Files.walk(internal)) {
            return files.map(f -> CLASSES.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length())).sorted().toList();
        }
    }
}
