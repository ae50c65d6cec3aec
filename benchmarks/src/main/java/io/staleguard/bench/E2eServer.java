package io.staleguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One WildFly for the end-to-end benchmark, started with {@code bin/standalone.sh} from the distribution the build
 * unpacked ({@code bench.jboss.home}), on a copy of its {@code standalone} directory under {@code target/} (so runs never
 * share deployments, data or logs), with a port offset whose ports are free ({@code bench.e2e.port-offset} to choose
 * it), on its own cores ({@link CorePinning}), a fixed heap, and the WARs placed in
 * {@code deployments} before boot so that the deployment scanner deploys them while the server starts.
 * <p>
 * {@link #close()} stops it with SIGTERM (WildFly's graceful shutdown) and kills the whole process tree if it has not
 * exited within {@value #STOP_SECONDS} seconds; a JVM shutdown hook does the same if the benchmark itself is
 * interrupted, so a server is never left running.
 */
final class E2eServer implements AutoCloseable {

    /** The WildFly JVM's options: a fixed heap, and the settings {@code standalone.conf} would otherwise add. */
    static final String JAVA_OPTS = "-Xms512m -Xmx512m -Djava.net.preferIPv4Stack=true"
            + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true";

    private static final int[] PORT_OFFSETS = {300, 310, 320, 330, 340, 350, 360, 370, 380, 390};
    private static final int[] BASE_PORTS = {8080, 8443, 9990, 9993};
    private static final long STOP_SECONDS = 30;
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private final Path baseDir;
    private final Process script;
    private final Thread killOnExit;
    final int portOffset;
    final int httpPort;

    private E2eServer(Path baseDir, Process script, int portOffset) {
        this.baseDir = baseDir;
        this.script = script;
        this.portOffset = portOffset;
        this.httpPort = 8080 + portOffset;
        this.killOnExit = new Thread(this::kill, "e2e-wildfly-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts WildFly with {@code wars} deployed and waits until every one of them is deployed.
     *
     * @param jbossHome the unpacked distribution
     * @param work a directory of this run's own (under {@code target/}); the server's base directory goes there
     * @throws IOException if the server does not start or a deployment fails; the server is stopped again
     */
    static E2eServer start(Path jbossHome, Path work, List<Path> wars) throws IOException, InterruptedException {
        return start(jbossHome, work, wars, CorePinning.forThisMachine());
    }

    /** @param pinning the cores the server runs on */
    static E2eServer start(Path jbossHome, Path work, List<Path> wars, CorePinning pinning)
            throws IOException, InterruptedException {
        Path baseDir = work.resolve("standalone");
        copyTree(jbossHome.resolve("standalone"), baseDir);
        Path deployments = baseDir.resolve("deployments");
        for (Path war : wars) {
            Files.copy(war, deployments.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        int offset = freePortOffset();
        ProcessBuilder pb = new ProcessBuilder(pinning.server(List.of(jbossHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir, "-Djboss.socket.binding.port-offset=" + offset,
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1")))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // bench.e2e.java-opts: extra server JVM options for a diagnosis, e.g. -XX:StartFlightRecording=...
        env.put("JAVA_OPTS", (JAVA_OPTS + " " + System.getProperty("bench.e2e.java-opts", "")).trim());
        // the script then forwards SIGTERM to the server JVM instead of leaving it behind
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        E2eServer server = new E2eServer(baseDir, pb.start(), offset);
        try {
            server.awaitDeployed(wars);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitDeployed(List<Path> wars) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        Path deployments = baseDir.resolve("deployments");
        List<Path> pending = new ArrayList<>(wars);
        while (!pending.isEmpty()) {
            Path war = pending.get(0);
            String name = war.getFileName().toString();
            if (Files.exists(deployments.resolve(name + ".failed"))) {
                throw new IOException("WildFly could not deploy " + name + ": "
                        + Files.readString(deployments.resolve(name + ".failed"), StandardCharsets.UTF_8)
                        + "; see " + baseDir.resolve("log/server.log"));
            }
            if (Files.exists(deployments.resolve(name + ".deployed"))) {
                pending.remove(0);
                continue;
            }
            if (!script.isAlive()) {
                throw new IOException("WildFly exited with status " + script.exitValue() + " before deploying " + name
                        + "; see " + baseDir.getParent().resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("WildFly did not deploy " + name + " within " + BOOT_TIMEOUT + "; see "
                        + baseDir.resolve("log/server.log"));
            }
            Thread.sleep(50);
        }
    }

    /** The server JVM (the script's child), for its CPU time. */
    Optional<ProcessHandle> serverJvm() {
        return script.toHandle().descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    /** @return the server JVM's CPU time so far in nanoseconds, or -1 if the platform does not tell */
    long serverCpuNanos() {
        return serverJvm().flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** The server's {@code server.log}, for a failure message. */
    Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    /** Stops the server: SIGTERM, then after {@value #STOP_SECONDS} s SIGKILL to every process of the tree. */
    @Override
    public void close() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                break;
            }
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void kill() {
        tree().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The server JVM first, then the script. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(script.toHandle().descendants().toList());
        tree.add(script.toHandle());
        return tree;
    }

    /** The first free offset of {@code bench.e2e.port-offset} (if set) or {@link #PORT_OFFSETS}. */
    private static int freePortOffset() throws IOException {
        Integer chosen = Integer.getInteger("bench.e2e.port-offset");
        for (int offset : chosen == null ? PORT_OFFSETS : new int[] {chosen}) {
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IOException("No free WildFly port offset among " + (chosen == null ? Arrays.toString(PORT_OFFSETS)
                : "[" + chosen + "] (bench.e2e.port-offset)")
                + " (ports 8080, 8443, 9990, 9993 plus the offset on 127.0.0.1): is another WildFly running?");
    }

    private static boolean allFree(int offset) {
        for (int port : BASE_PORTS) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + offset), 1);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a directory tree; what cannot be deleted stays (it is under {@code target/}). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left for mvn clean
        }
    }
}
