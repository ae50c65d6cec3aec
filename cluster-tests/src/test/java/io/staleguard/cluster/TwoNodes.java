package io.staleguard.cluster;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import io.staleguard.cluster.support.Nginx;
import io.staleguard.cluster.support.WildFlyNode;

/**
 * The cluster under test: WildFly nodes {@code a} and {@code b} (port offsets {@code staleguard.cluster.offset-a} and
 * {@code -b}) serving the same applications, and nginx on {@code staleguard.cluster.port-base} balancing between
 * them. Ports of the suite, from the port base P (15080): nginx P, the PostgreSQL pair P+1, P+2, Redis P+30 to P+33,
 * the Redis Cluster P+40 to P+42 with its bus at P+50 to P+52; the default offsets put node B's management port at
 * P+10, so nothing else uses P+3 to P+29. Everything lives under {@code staleguard.cluster.dir} (in {@code target/}) and listens on 127.0.0.1 only.
 */
final class TwoNodes implements AutoCloseable {

    static final Path DIR = Path.of(System.getProperty("staleguard.cluster.dir", "target/cluster"));
    static final int PORT_BASE = Integer.getInteger("staleguard.cluster.port-base", 15080);

    final WildFlyNode a;
    final WildFlyNode b;
    final Nginx nginx;

    private TwoNodes(WildFlyNode a, WildFlyNode b, Nginx nginx) {
        this.a = a;
        this.b = b;
        this.nginx = nginx;
    }

    /** Creates both nodes; {@code deploy} puts the applications on each before both start (in parallel). */
    static TwoNodes start(java.util.function.Consumer<WildFlyNode> deploy) throws Exception {
        WildFlyNode a = WildFlyNode.create("a", Integer.getInteger("staleguard.cluster.offset-a", 5000), DIR);
        WildFlyNode b = WildFlyNode.create("b", Integer.getInteger("staleguard.cluster.offset-b", 5100), DIR);
        Nginx nginx = Nginx.start(DIR.resolve("nginx"), PORT_BASE, List.of(a.httpPort(), b.httpPort()));
        try {
            return start(a, b, nginx, deploy);
        } catch (Exception | Error e) {
            a.kill();
            b.kill();
            nginx.close();
            throw e;
        }
    }

    private static TwoNodes start(WildFlyNode a, WildFlyNode b, Nginx nginx,
            java.util.function.Consumer<WildFlyNode> deploy) throws Exception {
        deploy.accept(a);
        deploy.accept(b);
        Thread startB = new Thread(() -> {
            try {
                b.start();
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw new IllegalStateException(e);
            }
        });
        startB.start();
        a.start();
        startB.join();
        if (!b.running()) {
            throw new IllegalStateException("node b did not start\n" + b.logTail());
        }
        return new TwoNodes(a, b, nginx);
    }

    /** The application's URLs on every node, for the events each node's listener recorded. */
    List<URL> nodes(String context) {
        return List.of(a.url(context), b.url(context));
    }

    @Override
    public void close() {
        try {
            a.stop();
            b.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a.kill();
            b.kill();
        } finally {
            nginx.close();
        }
    }
}
