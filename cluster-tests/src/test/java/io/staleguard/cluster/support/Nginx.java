package io.staleguard.cluster.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx from the distribution (Debian {@code nginx-light}) as the cluster's load balancer, on loopback: round robin
 * over the nodes without stickiness, except that the logout goes to the first node, so that the race test signs out
 * on one node while the calls roll on both. Every response names the node(s) that served it in {@value #UPSTREAM}
 * (several when nginx retried on another node). Run in the foreground ({@code daemon off;}) with its own prefix and
 * configuration under {@code target/}, as one process ({@code master_process off;}), so that stopping it, or the
 * test JVM's end, leaves no worker behind.
 */
public final class Nginx implements AutoCloseable {

    /** Response header: {@code $upstream_addr}, the node or nodes nginx passed the request to. */
    public static final String UPSTREAM = "X-Upstream";

    private static final String BINARY = "/usr/sbin/nginx";

    private final int port;
    private final Process process;

    private Nginx(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * @param nodes the nodes' HTTP ports; the logout ({@code …/logout}) always goes to the first one
     */
    public static Nginx start(Path dir, int port, List<Integer> nodes) throws IOException, InterruptedException {
        Tools.require(BINARY, "nginx (Debian: apt-get install nginx-light)");
        WildFlyNode.deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        StringBuilder upstream = new StringBuilder();
        for (int node : nodes) {
            upstream.append("        server 127.0.0.1:").append(node).append(";\n");
        }
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream nodes {
                %2$s    }
                    upstream first {
                        server 127.0.0.1:%3$d;
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header Connection "";
                        add_header %5$s $upstream_addr always;
                        location ~ /logout$ { proxy_pass http://first; }
                        location / { proxy_pass http://nodes; }
                    }
                }
                """.formatted(dir, upstream, nodes.get(0), port, UPSTREAM);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(BINARY, "-p", dir.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/console.log").toFile()).start();
        Nginx nginx = new Nginx(port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: "
                        + Files.readString(dir.resolve("logs/console.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx does not listen on " + port);
    }

    /** The base URL of an application behind the balancer. */
    public URL url(String context) {
        try {
            return new URL("http://127.0.0.1:" + port + "/" + context + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(context, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
