package io.staleguard.cluster.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code redis-server} processes owned by the test (Debian {@code redis-server}, 7.0): plain servers, replicas,
 * Sentinels ({@code redis-server <conf> --sentinel}) and Redis Cluster nodes, on given loopback ports, each with its
 * own directory under {@code target/}, nothing saved to disk. {@link #close()} kills whatever is still running.
 */
public final class RedisServers implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";
    private static final String CLI = "/usr/bin/redis-cli";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    public RedisServers(Path dir) throws IOException {
        Tools.require(BINARY, "redis-server (Debian: apt-get install redis-server)");
        Tools.require(CLI, "redis-cli (Debian: apt-get install redis-tools)");
        this.dir = dir;
        WildFlyNode.deleteTree(dir);
        Files.createDirectories(dir);
    }

    /** A server on {@code port}; {@code args} are more {@code redis-server} options ({@code --replicaof h p}, …). */
    public Process server(int port, String... args) throws IOException, InterruptedException {
        Path own = dir.resolve(String.valueOf(port));
        Files.createDirectories(own);
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", own.toString(), "--save", "", "--appendonly", "no", "--protected-mode", "no",
                "--logfile", own.resolve("redis.log").toString()));
        command.addAll(List.of(args));
        return started(port, command);
    }

    /**
     * A Sentinel on {@code port} watching {@code master} (quorum 1) that declares it down after a second without an
     * answer.
     */
    public Process sentinel(int port, String masterName, int masterPort) throws IOException, InterruptedException {
        Path own = dir.resolve(String.valueOf(port));
        Files.createDirectories(own);
        Path conf = own.resolve("sentinel.conf");
        // Sentinel rewrites its configuration file as the topology changes: it must be its own and writable.
        Files.writeString(conf, """
                port %d
                bind 127.0.0.1
                dir %s
                logfile %s
                sentinel monitor %s 127.0.0.1 %d 1
                sentinel down-after-milliseconds %4$s 1000
                sentinel failover-timeout %4$s 10000
                sentinel parallel-syncs %4$s 1
                """.formatted(port, own, own.resolve("sentinel.log"), masterName, masterPort));
        return started(port, List.of(BINARY, conf.toString(), "--sentinel"));
    }

    /**
     * A Redis Cluster of masters only on {@code ports}, each with its cluster bus on {@code port + busOffset} (so the
     * bus stays in the suite's range instead of port + 10000), joined with {@code redis-cli --cluster create}.
     */
    public void cluster(List<Integer> ports, int busOffset) throws IOException, InterruptedException {
        List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
        for (int port : ports) {
            server(port, "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-port", String.valueOf(port + busOffset), "--cluster-node-timeout", "2000");
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cluster-create.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: "
                    + Files.readString(dir.resolve("cluster-create.log")));
        }
    }

    private Process started(int port, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console-" + port + ".log").toFile()).start();
        processes.add(p);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        for (int i = 0; i < 200; i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException(String.join(" ", command) + " exited: "
                        + Files.readString(dir.resolve("console-" + port + ".log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after " + command);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
