package io.staleguard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The managed Payara Server: the domain's {@code logs/server.log}, and re-provisioning through the admin REST API
 * (what {@code asadmin deploy --force=true} does), on the admin port the pom derives from
 * {@code staleguard.it.payara.port-base}.
 */
public final class PayaraServer implements Server {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "Payara";
    }

    @Override
    public Path logFile() {
        return Path.of(Server.property("payara.home"), "glassfish", "domains", Server.property("staleguard.it.payara.domain"),
                "logs", "server.log");
    }

    /**
     * A forced redeployment under the name Arquillian deployed it with (the archive name without {@code .war}), which
     * keeps the context root: Payara stops the old application, its sessions included, and starts the given one.
     */
    @Override
    public void reprovision(Archive<?> archive) throws IOException {
        String file = archive.getName();
        String name = file.endsWith(".war") ? file.substring(0, file.length() - 4) : file;
        String boundary = "staleguard-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "name", name);
        field(body, boundary, "force", "true");
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"; filename=\"" + file
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        archive.as(ZipExporter.class).exportTo(body);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + Server.property("staleguard.it.payara.admin-port") + "/management/domain/applications/application"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                // the admin REST API refuses state-changing requests without it (CSRF protection)
                .header("X-Requested-By", "staleguard-it")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while re-provisioning " + file, e);
        }
        if (response.statusCode() != 200 || !response.body().contains("\"exit_code\":\"SUCCESS\"")) {
            throw new AssertionError("re-provisioning " + file + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
