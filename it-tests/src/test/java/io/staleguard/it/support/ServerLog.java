package io.staleguard.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The managed server's log ({@link Server#logFile()}): {@link #mark(URL)} remembers where it ends, {@link #since()}
 * reads what was written after that, and {@link #recordsWith(String)} finds log records (a record's first line and its
 * continuation lines: Payara writes the message on the line after the level, stack traces follow on lines of their own).
 * <p>
 * Both first have the application log a unique line ({@link LogMarkServlet}) and wait until it is in the file. WildFly's
 * file handler writes synchronously, but Payara's hands records to a background thread, so a line a request logged may
 * reach the file after the response; records are written in order, so once the mark is there, so is everything logged
 * before it.
 */
public final class ServerLog {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final long WAIT_MILLIS = 30_000;
    private static final long SETTLE_MILLIS = 1_000;
    /** Where a record starts: WildFly's {@code 2026-11-23 14:50:00,123 WARN …}, Payara's {@code [2026-11-23T14:50:00…}. */
    private static final Pattern RECORD = Pattern.compile("(?m)^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}");

    private final URL app;
    private final Path file;
    private final long start;

    private ServerLog(URL app, Path file, long start) {
        this.app = app;
        this.file = file;
        this.start = start;
    }

    /**
     * For tests with no running application to log marks (a deployment that fails): remembers where the log ends once
     * it has stopped growing, and {@link #since()} waits the same way. Exact on WildFly, which writes synchronously;
     * on Payara it relies on the log settling ({@value #SETTLE_MILLIS} ms without a write), so prefer
     * {@link #mark(URL)}.
     */
    public static ServerLog mark() throws IOException, InterruptedException {
        Path file = Server.current().logFile();
        return new ServerLog(null, file, Files.isRegularFile(file) ? settledSize(file) : 0);
    }

    /**
     * @param app the base URL of a deployment built with {@link TestApps#war}, which logs the marks
     */
    public static ServerLog mark(URL app) throws IOException, InterruptedException {
        Path file = existingLog();
        ServerLog from = new ServerLog(app, file, Files.size(file));
        String text = from.upToNewMark();
        return new ServerLog(app, file, from.start + text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Everything logged since {@link #mark(URL)}, up to a mark logged now (the marks' own records left out). */
    public String since() throws IOException, InterruptedException {
        if (app == null) {
            if (!Files.isRegularFile(file)) {
                return "";
            }
            settledSize(file);
            return read();
        }
        String text = upToNewMark();
        // Starts with the record of the mark that mark() waited for.
        Matcher next = RECORD.matcher(text);
        return next.find(1) ? text.substring(next.start()) : "";
    }

    /** The log records since {@link #mark(URL)} that contain {@code text}, each as one string (lines joined by \n). */
    public List<String> recordsWith(String text) throws IOException, InterruptedException {
        return records(since()).stream().filter(record -> record.contains(text)).toList();
    }

    static List<String> records(String log) {
        List<String> records = new ArrayList<>();
        Matcher m = RECORD.matcher(log);
        int from = -1;
        while (m.find()) {
            if (from >= 0) {
                records.add(log.substring(from, m.start()).strip());
            }
            from = m.start();
        }
        if (from >= 0) {
            records.add(log.substring(from).strip());
        }
        return records;
    }

    private static Path existingLog() {
        Path file = Server.current().logFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no server log at " + file + "; is the managed " + Server.current().name()
                    + " running?");
        }
        return file;
    }

    /** The log's size once it has not grown for {@value #SETTLE_MILLIS} ms (at most {@value #WAIT_MILLIS} ms). */
    private static long settledSize(Path file) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        long size = Files.size(file);
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() - stableSince < SETTLE_MILLIS && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            long now = Files.size(file);
            if (now != size) {
                size = now;
                stableSince = System.currentTimeMillis();
            }
        }
        return size;
    }

    /** Logs a new mark and returns what the file holds from {@link #start} to the start of the mark's record. */
    private String upToNewMark() throws IOException, InterruptedException {
        String id = UUID.randomUUID().toString();
        HttpResponse<Void> logged = CLIENT.send(HttpRequest.newBuilder(URI.create(app + "test/log-mark?id=" + id))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (logged.statusCode() != 204) {
            throw new AssertionError("GET test/log-mark answered " + logged.statusCode());
        }
        String mark = LogMarkServlet.PREFIX + id;
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            String text = read();
            int at = text.indexOf(mark);
            if (at >= 0) {
                int recordStart = 0;
                Matcher m = RECORD.matcher(text);
                while (m.find() && m.start() < at) {
                    recordStart = m.start();
                }
                return text.substring(0, recordStart);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the log mark did not reach " + file + " within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }

    private String read() throws IOException {
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
}
