package io.staleguard.it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The staleguard-filter jar exactly as the build produced it, {@code META-INF/web-fragment.xml} and all: the pom copies
 * it from the reactor to {@code target/deployments/} and names it in the system property
 * {@value #PROPERTY}. Deployments put it in {@code WEB-INF/lib}, where users put it.
 */
public final class StaleguardJar {

    public static final String PROPERTY = "staleguard.it.filter-jar";

    private StaleguardJar() {
    }

    public static JavaArchive get() {
        String path = System.getProperty(PROPERTY);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + PROPERTY + " must name the built staleguard-filter "
                    + "jar (it is " + path + "). Run the integration tests with Maven: mvn -B verify -pl it-tests -am");
        }
        return ShrinkWrap.create(ZipImporter.class, "staleguard-filter.jar").importFrom(new File(path))
                .as(JavaArchive.class);
    }
}
