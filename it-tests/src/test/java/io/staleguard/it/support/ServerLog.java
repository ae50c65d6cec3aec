package io.staleguard.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The managed server's {@code standalone/log/server.log}: {@link #mark()} remembers where it ends, {@link #since()}
 * reads what was written after that. WildFly's file handler writes synchronously, so what a request logged is there
 * once its response has arrived.
 */
public final class ServerLog {

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    public static ServerLog mark() throws IOException {
        Path file = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no server log at " + file + "; is jboss.home set to the managed server?");
        }
        return new ServerLog(file, Files.size(file));
    }

    /** Everything logged since {@link #mark()}. */
    public String since() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < start) {
                throw new IllegalStateException(file + " shrank: was it rotated during the test?");
            }
            byte[] bytes = new byte[Math.toIntExact(length - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The log lines since {@link #mark()} that contain {@code text}. */
    public List<String> linesWith(String text) throws IOException {
        return Arrays.stream(since().split("\\R")).filter(line -> line.contains(text)).toList();
    }
}
