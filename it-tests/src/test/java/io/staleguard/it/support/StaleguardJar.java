package io.staleguard.it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The Staleguard jars exactly as the build produced them, {@code META-INF/web-fragment.xml} and
 * {@code META-INF/services} and all: the pom copies them from the reactor to {@code target/deployments/} and names them
 * in the system properties {@value #PROPERTY} and {@value #CDI_PROPERTY}. Deployments put them in
 * {@code WEB-INF/lib}, where users put them.
 */
public final class StaleguardJar {

    public static final String PROPERTY = "staleguard.it.filter-jar";
    public static final String CDI_PROPERTY = "staleguard.it.cdi-jar";

    private StaleguardJar() {
    }

    /** staleguard-filter.jar */
    public static JavaArchive get() {
        return built(PROPERTY, "staleguard-filter.jar");
    }

    /** staleguard-cdi.jar, which needs staleguard-filter.jar beside it */
    public static JavaArchive cdi() {
        return built(CDI_PROPERTY, "staleguard-cdi.jar");
    }

    private static JavaArchive built(String property, String name) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + property + " must name the built " + name
                    + " (it is " + path + "). Run the integration tests with Maven: mvn -B verify -pl it-tests -am");
        }
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(new File(path)).as(JavaArchive.class);
    }
}
