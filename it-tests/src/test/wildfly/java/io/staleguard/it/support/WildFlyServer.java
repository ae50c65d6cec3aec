package io.staleguard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.wildfly.plugin.tools.Deployment;
import org.wildfly.plugin.tools.DeploymentManager;
import org.wildfly.plugin.tools.DeploymentResult;

/**
 * The managed WildFly: {@code standalone/log/server.log}, and re-provisioning through the management API, on the
 * management port the pom derives from {@code staleguard.it.port-offset}.
 */
public final class WildFlyServer implements Server {

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public Path logFile() {
        return Path.of(Server.property("jboss.home"), "standalone", "log", "server.log");
    }

    /** A {@code full-replace-deployment}: the old application stops and the given one starts, same name and path. */
    @Override
    public void reprovision(Archive<?> archive) throws IOException {
        int port = Integer.parseInt(Server.property("staleguard.it.management-port"));
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1", port);
                InputStream content = archive.as(ZipExporter.class).exportAsInputStream()) {
            DeploymentResult result = DeploymentManager.create(client)
                    .redeploy(Deployment.of(content, archive.getName()));
            if (!result.successful()) {
                throw new AssertionError("re-provisioning " + archive.getName() + " failed: "
                        + result.getFailureMessage());
            }
        }
    }
}
