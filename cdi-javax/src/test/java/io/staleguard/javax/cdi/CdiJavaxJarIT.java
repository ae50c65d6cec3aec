package io.staleguard.javax.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.staleguard.javax.check.Jar;
import io.staleguard.javax.check.JavaxJars;
import io.staleguard.javax.check.Linkage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * staleguard-cdi-javax.jar as published: staleguard-cdi.jar rewritten jakarta → javax, linking against Java EE 8
 * ({@code javax:javaee-api} 8.0.1: CDI 2.0, Servlet 4.0, JAX-RS 2.1, Faces 2.3, JTA 1.3), MicroProfile Config 2.0 and
 * staleguard-filter-javax.jar, and registering its CDI extension under the javax service name.
 */
@DisplayName("staleguard-cdi-javax.jar")
class CdiJavaxJarIT {

    private static Jar javax;
    private static Jar jakarta;

    @BeforeAll
    static void read() {
        javax = Jar.fromProperty("staleguard.javax.jar");
        jakarta = Jar.fromProperty("staleguard.jakarta.jar");
    }

    @Test
    @DisplayName("the jakarta jar's entries; the extension registered as META-INF/services/"
            + "javax.enterprise.inject.spi.Extension, naming the same class")
    void sameEntriesAndServices() {
        JavaxJars.assertSameEntries(jakarta, javax);
        String extension = "META-INF/services/javax.enterprise.inject.spi.Extension";
        assertEquals(jakarta.text("META-INF/services/jakarta.enterprise.inject.spi.Extension"), javax.text(extension));
        javax.entries().keySet().stream().filter(n -> n.startsWith("META-INF/services/io.staleguard."))
                .forEach(n -> assertEquals(jakarta.text(n), javax.text(n), n));
    }

    @Test
    @DisplayName("a sources jar beside it: the jakarta sources rewritten, javax.servlet and never jakarta.servlet")
    void sourcesJar() {
        JavaxJars.assertSources(jakarta, javax);
    }

    @Test
    @DisplayName("a javadoc jar beside it: the jakarta Javadoc's pages, index.html among them, naming no jakarta package")
    void javadocJar() {
        JavaxJars.assertJavadoc(jakarta, javax);
    }

    @Test
    @DisplayName("an automatic module named io.staleguard.cdi, without the jakarta jar's module-info.class")
    void automaticModule() {
        JavaxJars.assertAutomaticModule(jakarta, javax);
    }

    @Test
    @DisplayName("no class uses a jakarta name")
    void noJakarta() {
        JavaxJars.assertNoJakartaInUse(javax);
    }

    @Test
    @DisplayName("every class, field and method it refers to exists in Java EE 8, MicroProfile Config 2.0, "
            + "staleguard-filter-javax or the JDK")
    void linksAgainstJavaEe8() throws Exception {
        assertFalse(javax.classes().isEmpty());
        JavaxJars.assertLinks(javax, Linkage.jarsFromProperty("staleguard.api.jars"),
                name -> !name.startsWith("io/staleguard/cdi/"));
    }

    @Test
    @DisplayName("Java 17 class files (major version 61), as the jakarta jar's")
    void java17() {
        JavaxJars.assertJava17(javax);
    }
}
