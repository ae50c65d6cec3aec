package io.staleguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the end-to-end benchmark's server and load client off each other's cores with Linux {@code taskset}: the
 * server gets the upper half of the cores, this JVM (the load client) the lower half, so that the server's CPU time per
 * response is not inflated by the client's threads preempting it and the rounds spread less. Used when the machine has
 * at least 2 cores, {@code taskset} is there, and {@code bench.e2e.pin} is not {@code false}.
 */
final class CorePinning {

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    final boolean on;
    /** The server's cores, as taskset's list: "1" or "2-3". */
    final String serverCores;
    /** The client's cores. */
    final String clientCores;
    private final String allCores;
    /** This JVM's cores before {@link #pinClient()}, as taskset's list. */
    private String restore;

    private CorePinning(boolean on, String serverCores, String clientCores, String allCores) {
        this.on = on;
        this.serverCores = serverCores;
        this.clientCores = clientCores;
        this.allCores = allCores;
    }

    static CorePinning forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String all = "0-" + (cores - 1);
        boolean on = cores >= 2 && Files.isExecutable(TASKSET)
                && !"false".equals(System.getProperty("bench.e2e.pin"));
        int half = cores / 2;
        return new CorePinning(on, range(half, cores - 1), range(0, half - 1), all);
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    /** {@code command}, run on the server's cores when pinning is on. */
    List<String> server(List<String> command) {
        if (!on) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of(TASKSET.toString(), "-c", serverCores));
        pinned.addAll(command);
        return pinned;
    }

    /** Moves every thread of this JVM to the client's cores; threads started later inherit it from their creator. */
    void pinClient() throws IOException, InterruptedException {
        if (on) {
            String before = taskset("-p", "-c").replaceFirst("(?s).*:\\s*", "").trim();
            restore = before.isEmpty() ? allCores : before;
            taskset("-a", "-p", "-c", clientCores);
        }
    }

    /** Gives this JVM the cores it had before {@link #pinClient()}. */
    void unpinClient() throws IOException, InterruptedException {
        if (on && restore != null) {
            taskset("-a", "-p", "-c", restore);
            restore = null;
        }
    }

    /** @return taskset's output for this JVM */
    private static String taskset(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TASKSET.toString()));
        command.addAll(List.of(options));
        command.add(Long.toString(ProcessHandle.current().pid()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + p.exitValue() + ": " + output);
        }
        return output;
    }

    String describe() {
        return on ? String.format(Locale.ROOT, "server on core(s) %s, load client on core(s) %s (`taskset`)",
                serverCores, clientCores) : "not pinned: server and load client share every core";
    }
}
