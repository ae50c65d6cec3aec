package io.staleguard.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * One managed WildFly of a cluster: the distribution the build unpacked ({@code jboss.home}) started with a server base
 * directory of its own (a copy of {@code standalone/configuration}, its own {@code deployments/}, {@code data/},
 * {@code log/}) and a port offset, so several run side by side on loopback. Applications are deployed the way an
 * operator drops them in: into {@code deployments/} before the start, picked up by the deployment scanner; the start
 * waits for every {@code .deployed} marker and fails with the server log on a {@code .failed} one.
 * <p>
 * {@link #stop()} is a graceful shutdown (SIGTERM to the server's JVM), {@link #kill()} a crash (SIGKILL).
 */
public final class WildFlyNode implements AutoCloseable {

    /** Generous: a loaded machine (several builds at once) takes minutes; an idle one, seconds. */
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("staleguard.cluster.start-timeout-seconds", 600));

    private final String name;
    private final int offset;
    private final Path home;
    private final Path base;
    /** The server configuration in {@code configuration/}, as {@code standalone.sh -c} takes it. */
    private String config = "standalone.xml";
    private Process launcher;
    private ProcessHandle server;

    private WildFlyNode(String name, int offset, Path home, Path base) {
        this.name = name;
        this.offset = offset;
        this.home = home;
        this.base = base;
    }

    /**
     * @param name the node's name ({@code jboss.node.name}) and the directory under {@code clusterDir}
     * @param offset {@code jboss.socket.binding.port-offset}: HTTP on 8080 + offset, management on 9990 + offset
     */
    public static WildFlyNode create(String name, int offset, Path clusterDir) throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        if (!Files.isDirectory(home.resolve("modules"))) {
            throw new IllegalStateException("jboss.home must name an unpacked WildFly (it is " + home
                    + "). Run the cluster tests with Maven: mvn -B verify -pl cluster-tests -am");
        }
        Path base = clusterDir.resolve(name);
        Files.createDirectories(base);
        deleteTree(base);
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        WildFlyNode node = new WildFlyNode(name, offset, home, base);
        Runtime.getRuntime().addShutdownHook(new Thread(node::kill));
        return node;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return 8080 + offset;
    }

    /** The management interface, which also answers {@code /health} with the MicroProfile Health subsystem. */
    public int managementPort() {
        return 9990 + offset;
    }

    /**
     * @param file a configuration of the distribution, such as {@code standalone-microprofile.xml}; used from the next
     *        start on
     */
    public WildFlyNode config(String file) {
        if (!Files.isRegularFile(base.resolve("configuration").resolve(file))) {
            throw new IllegalArgumentException(name + ": no configuration " + file);
        }
        this.config = file;
        return this;
    }

    /** The base URL of an application on this node, such as {@code http://127.0.0.1:13080/cluster/}. */
    public URL url(String context) {
        try {
            return new URL("http://127.0.0.1:" + httpPort() + "/" + context + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(context, e);
        }
    }

    /**
     * Puts {@code archive} (an application, a JDBC driver jar) into {@code deployments/}, replacing a previous version:
     * deployed at the next start.
     */
    public WildFlyNode deploy(Archive<?> archive) {
        requireStopped();
        archive.as(ZipExporter.class).exportTo(base.resolve("deployments").resolve(archive.getName()).toFile(), true);
        return this;
    }

    /** Puts a descriptor, such as a {@code *-ds.xml} data source, into {@code deployments/}. */
    public WildFlyNode deploy(String fileName, String content) throws IOException {
        requireStopped();
        Files.writeString(base.resolve("deployments").resolve(fileName), content);
        return this;
    }

    private void requireStopped() {
        if (server != null) {
            throw new IllegalStateException(name + " is running: stop it before replacing a deployment");
        }
    }

    /** Starts the server and waits until everything in {@code deployments/} is deployed. */
    public void start() throws IOException, InterruptedException {
        if (server != null) {
            throw new IllegalStateException(name + " is already running");
        }
        List<Path> deployments = new ArrayList<>();
        try (Stream<Path> files = Files.list(base.resolve("deployments"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (file.endsWith(".war") || file.endsWith(".jar") || file.endsWith("-ds.xml")) {
                    deployments.add(f);
                } else {
                    Files.delete(f); // a marker of the previous run
                }
            }
        }
        for (int port : List.of(httpPort(), managementPort())) {
            requireFree(port);
        }
        Path pidFile = base.resolve("server.pid");
        Files.deleteIfExists(pidFile);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), "-c", config,
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.node.name=" + name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_OPTS", System.getProperty("staleguard.cluster.server-jvm-args", "-Xms64m -Xmx384m")
                + " -Djava.net.preferIPv4Stack=true");
        // The script then runs the JVM as a child and writes its pid: the tests signal the JVM itself.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_PIDFILE", pidFile.toString());
        launcher = builder.start();
        try {
            awaitDeployments(deployments, pidFile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill();
            throw e;
        }
    }

    /** A server left running by an aborted run would answer in this node's place: fail at once instead. */
    private void requireFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw new IllegalStateException(name + ": port " + port + " is in use (a server of an aborted run? "
                    + "another offset: -Dstaleguard.cluster.offset-" + name + "=N)", inUse);
        }
    }

    private void awaitDeployments(List<Path> deployments, Path pidFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Path war : deployments) {
            Path deployed = war.resolveSibling(war.getFileName() + ".deployed");
            Path failed = war.resolveSibling(war.getFileName() + ".failed");
            while (!Files.exists(deployed)) {
                if (Files.exists(failed)) {
                    throw new IllegalStateException(name + ": " + war.getFileName() + " failed to deploy: "
                            + Files.readString(failed) + "\n" + logTail());
                }
                if (!launcher.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not deploy " + war.getFileName() + "\n" + logTail());
                }
                Thread.sleep(100);
            }
        }
        server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .orElseThrow(() -> new IllegalStateException(name + " is gone\n" + logTail()));
    }

    /** Graceful shutdown, as {@code systemctl stop} does it. */
    public void stop() throws InterruptedException {
        end(false);
    }

    /** A crash: SIGKILL to the server's JVM; whatever was in flight on it is cut off. */
    public void kill() {
        try {
            end(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    public boolean running() {
        return server != null && server.isAlive();
    }

    private void end(boolean forcibly) throws InterruptedException {
        if (server == null && launcher != null) {
            // Stopped before it was up (a failed start, the JVM's end): the pid file names the server's JVM if any.
            server = serverFromPidFile();
        }
        if (server != null) {
            if (forcibly) {
                server.destroyForcibly();
            } else {
                server.destroy();
            }
            try {
                server.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                server.destroyForcibly();
            }
            server = null;
        }
        if (launcher != null) {
            launcher.waitFor(30, TimeUnit.SECONDS);
            launcher.destroyForcibly();
            launcher = null;
        }
    }

    private ProcessHandle serverFromPidFile() {
        try {
            Path pidFile = base.resolve("server.pid");
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .orElse(null) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The end of the server log, for failure messages. */
    public String logTail() {
        Path log = base.resolve("log/server.log");
        try {
            if (!Files.exists(log)) {
                log = base.resolve("console.log");
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public Optional<Path> log() {
        Path log = base.resolve("log/server.log");
        return Files.exists(log) ? Optional.of(log) : Optional.empty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted((x, y) -> y.getNameCount() - x.getNameCount())::iterator) {
                if (!f.equals(dir)) {
                    Files.delete(f);
                }
            }
        }
    }
}
