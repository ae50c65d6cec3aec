package io.staleguard.cluster.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL primary and its streaming replica, owned by the test: the machine's own server allows no replication
 * connections and is never reconfigured, so this pair is made from the distribution's binaries under
 * {@code target/} ({@code initdb}, {@code pg_basebackup -R}), on two ports of the suite's range, and destroyed after.
 * The replica applies what it receives {@code recovery_min_apply_delay} late ({@value #APPLY_DELAY}), so the lag is
 * real and long enough to see. Run as the {@code postgres} OS user when the tests run as root (PostgreSQL refuses
 * root).
 */
public final class PostgresPair implements AutoCloseable {

    public static final String APPLY_DELAY = "1s";
    private static final Path BIN = Path.of(System.getProperty("staleguard.cluster.postgres-bin",
            "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;
    private boolean replicaPromoted;

    private PostgresPair(Path dir, int primaryPort, int replicaPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /** Creates and starts both; the replica streams from the primary when this returns. */
    public static PostgresPair start(Path dir, int primaryPort, int replicaPort) throws Exception {
        Tools.require(BIN.resolve("initdb").toString(), "PostgreSQL's server binaries (Debian: postgresql-15)");
        WildFlyNode.deleteTree(dir);
        Files.createDirectories(dir);
        // PostgreSQL runs as its own user, which must own the directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PostgresPair pair = new PostgresPair(dir, primaryPort, replicaPort);
        Runtime.getRuntime().addShutdownHook(new Thread(pair::stopQuietly));
        pair.run("initdb", "-D", pair.primaryDir(), "-A", "trust", "-U", "postgres", "--no-sync");
        Files.writeString(Path.of(pair.primaryDir(), "pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n",
                java.nio.file.StandardOpenOption.APPEND);
        pair.pgCtl(pair.primaryDir(), primaryPort, "start");
        pair.run("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres",
                "-D", pair.replicaDir(), "-R", "-X", "stream");
        Files.writeString(Path.of(pair.replicaDir(), "postgresql.auto.conf"),
                "recovery_min_apply_delay = '" + APPLY_DELAY + "'\n", java.nio.file.StandardOpenOption.APPEND);
        pair.pgCtl(pair.replicaDir(), replicaPort, "start");
        try (Connection c = pair.replica().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
            r.next();
            if (!r.getBoolean(1)) {
                throw new IllegalStateException("the replica is not in recovery");
            }
        }
        return pair;
    }

    public PGSimpleDataSource primary() {
        return dataSource(primaryPort);
    }

    public PGSimpleDataSource replica() {
        return dataSource(replicaPort);
    }

    /** Failover: the primary stops at once (no checkpoint, as in a crash) and the replica is promoted. */
    public void failOver() throws Exception {
        run("pg_ctl", "-D", primaryDir(), "stop", "-m", "immediate");
        run("pg_ctl", "-D", replicaDir(), "promote", "-w");
        replicaPromoted = true;
    }

    public boolean replicaPromoted() {
        return replicaPromoted;
    }

    @Override
    public void close() throws Exception {
        for (String d : List.of(replicaDir(), primaryDir())) {
            if (Files.exists(Path.of(d, "postmaster.pid"))) {
                run("pg_ctl", "-D", d, "stop", "-m", "fast");
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // the JVM is going down; nothing else to do
        }
    }

    private PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(5);
        return ds;
    }

    private String primaryDir() {
        return dir.resolve("primary").toString();
    }

    private String replicaDir() {
        return dir.resolve("replica").toString();
    }

    private void pgCtl(String dataDir, int port, String action) throws Exception {
        run("pg_ctl", "-D", dataDir, "-l", dataDir + ".log", "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", action);
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("commands.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(out));
        }
    }

    /** Blocks until {@code sql} answers a row on the replica (the replica caught up with something). */
    public void awaitOnReplica(String sql) throws InterruptedException, SQLException {
        for (int i = 0; i < 200; i++) {
            try (Connection c = replica().getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                if (r.next()) {
                    return;
                }
            } catch (SQLException notYet) {
                // the table itself may not have arrived yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the replica never caught up: " + sql);
    }
}
