package io.staleguard.it.support;

import java.io.IOException;
import java.io.InputStream;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.wildfly.plugin.tools.Deployment;
import org.wildfly.plugin.tools.DeploymentManager;
import org.wildfly.plugin.tools.DeploymentResult;

/**
 * Incident 1's trigger, done the way it happens in production: the application is re-provisioned while browsers keep
 * its cookies. A {@code full-replace-deployment} of the running deployment (same name, same context path) stops the
 * old application and starts the given one: every {@code HttpSession}, every in-memory interaction and every key
 * generated at start-up is gone, and the browser's cookies now point at nothing.
 */
public final class Reprovisioning {

    private Reprovisioning() {
    }

    /**
     * Replaces the deployment called {@code archive.getName()} with {@code archive}, which may be the same application
     * or a newer release of it.
     */
    public static void reprovision(ManagementClient management, Archive<?> archive) throws IOException {
        DeploymentManager deployments = DeploymentManager.create(management.getControllerClient());
        try (InputStream content = archive.as(ZipExporter.class).exportAsInputStream()) {
            DeploymentResult result = deployments.redeploy(Deployment.of(content, archive.getName()));
            if (!result.successful()) {
                throw new AssertionError("re-provisioning " + archive.getName() + " failed: " + result.getFailureMessage());
            }
        }
    }
}
