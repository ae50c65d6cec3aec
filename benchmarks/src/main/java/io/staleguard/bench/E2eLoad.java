package io.staleguard.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * The end-to-end benchmark's load generator: a fixed number of threads on loopback, each with one keep-alive HTTP/1.1
 * connection, sending the same {@code GET} with its session cookie back to back for a fixed time (closed loop: a new
 * request as soon as the previous response is read). Requests are pre-encoded bytes and responses are parsed by hand
 * (status line, {@code Content-Length}, {@code Set-Cookie}, {@code Connection}), so the client spends as little of the
 * shared CPU as it can. Each response's latency (request written to body read) goes into a {@code long[]} per thread,
 * allocated once; nothing is allocated per request.
 */
final class E2eLoad {

    /** Room for this many responses per thread and second: far above what two cores can serve. */
    private static final int MAX_RATE_PER_THREAD = 40_000;
    /** A thread that fails this often (server gone) stops instead of spinning on reconnects. */
    private static final int MAX_ERRORS_PER_THREAD = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int port;
    private final long[][] latencies;

    /**
     * @param port the server's HTTP port on 127.0.0.1
     * @param threads the number of client threads (and connections)
     * @param longestRun the longest {@link #run} this load will make
     */
    E2eLoad(int port, int threads, Duration longestRun) {
        this.port = port;
        this.latencies = new long[threads][Math.toIntExact(Math.max(1, longestRun.toSeconds()) * MAX_RATE_PER_THREAD)];
    }

    int threads() {
        return latencies.length;
    }

    /**
     * Starts one session per thread with {@code GET /<app>/login}.
     *
     * @return the session ids (the {@code SID} cookie values), one per thread
     * @throws IOException if a login does not answer 200 with a {@code SID} cookie
     */
    String[] login(String app) throws IOException {
        String[] sessions = new String[threads()];
        byte[] request = request(app, "/login", null);
        try (Connection c = new Connection(port)) {
            for (int i = 0; i < sessions.length; i++) {
                c.send(request);
                c.readResponse(null, true);
                if (c.status != 200 || c.sessionCookie == null) {
                    throw new IOException("GET /" + app + "/login answered " + c.status + " with Set-Cookie SID="
                            + c.sessionCookie);
                }
                sessions[i] = c.sessionCookie;
                if (c.close) {
                    c.reconnect();
                }
            }
        }
        return sessions;
    }

    /**
     * One {@code GET /<app>/page} of session {@code session}, for the report: to show what each application sends.
     *
     * @return the response's status line and header lines, as received
     */
    List<String> pageResponseHead(String app, String session) throws IOException {
        try (Connection c = new Connection(port)) {
            c.head = new ArrayList<>();
            c.send(request(app, "/page", session));
            c.readResponse(null, false);
            return List.copyOf(c.head);
        }
    }

    /**
     * Loads {@code GET /<app>/page} for {@code duration} from {@code connections} threads, each with its own
     * connection and session.
     *
     * @param serverCpu the server's CPU time so far (ns), or -1 when unknown
     */
    E2eRun run(String app, int round, int connections, String[] sessions, Duration duration, LongSupplier serverCpu)
            throws InterruptedException {
        if (connections < 1 || connections > threads()) {
            throw new IllegalArgumentException("1 to " + threads() + " connections, not " + connections);
        }
        int n = connections;
        Worker[] workers = new Worker[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(request(app, "/page", sessions[i]),
                    ("SID=" + sessions[i] + ";").getBytes(StandardCharsets.US_ASCII), latencies[i], ready, go);
            threads[i] = new Thread(workers[i], "e2e-load-" + app + "-" + i);
            threads[i].start();
        }
        ready.await();
        long cpuBefore = serverCpu.getAsLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (Worker w : workers) {
            w.deadline = deadline;
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long cpuAfter = serverCpu.getAsLong();
        long end = start;
        long requests = 0;
        long errors = 0;
        long refreshed = 0;
        long clientCpu = 0;
        String firstError = null;
        for (Worker w : workers) {
            end = Math.max(end, w.lastResponseAt);
            requests += w.count;
            errors += w.errors;
            refreshed += w.refreshed;
            clientCpu += w.cpuNanos;
            if (firstError == null) {
                firstError = w.firstError;
            }
            if (w.overflow) {
                throw new IllegalStateException("More than " + latencies[0].length + " responses on one thread in "
                        + duration + ": raise MAX_RATE_PER_THREAD");
            }
        }
        long[] all = new long[Math.toIntExact(requests)];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        long serverCpuNanos = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
        return new E2eRun(app, round, connections, requests, end - start, errors, refreshed, percentile(all, 0.50),
                percentile(all, 0.99), percentile(all, 0.999), serverCpuNanos, clientCpu, firstError);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private byte[] request(String app, String path, String session) {
        StringBuilder b = new StringBuilder(200).append("GET /").append(app).append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (session != null) {
            b.append("Cookie: SID=").append(session).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One client thread: its connection, request bytes, latency array and counts. */
    private final class Worker implements Runnable {

        private final byte[] request;
        private final byte[] refreshedCookie;
        final long[] latencies;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        volatile long deadline;
        int count;
        long errors;
        long refreshed;
        long cpuNanos;
        long lastResponseAt;
        boolean overflow;
        String firstError;

        Worker(byte[] request, byte[] refreshedCookie, long[] latencies, CountDownLatch ready, CountDownLatch go) {
            this.request = request;
            this.refreshedCookie = refreshedCookie;
            this.latencies = latencies;
            this.ready = ready;
            this.go = go;
        }

        @Override
        public void run() {
            Connection c = null;
            try {
                c = new Connection(port);
            } catch (IOException e) {
                error(e);
            }
            ready.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long end = deadline;
            try {
                while (errors < MAX_ERRORS_PER_THREAD) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        break;
                    }
                    try {
                        if (c == null) {
                            c = new Connection(port);
                        }
                        c.send(request);
                        c.readResponse(refreshedCookie, false);
                    } catch (IOException e) {
                        error(e);
                        close(c);
                        c = null;
                        continue;
                    }
                    long received = System.nanoTime();
                    if (count == latencies.length) {
                        overflow = true;
                        break;
                    }
                    latencies[count++] = received - sent;
                    lastResponseAt = received;
                    if (c.status != 200) {
                        error("HTTP " + c.status);
                    }
                    if (c.refreshed) {
                        refreshed++;
                    }
                    if (c.close) {
                        close(c);
                        c = null;
                    }
                }
            } finally {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
                close(c);
            }
        }

        private void error(Object what) {
            errors++;
            if (firstError == null) {
                firstError = String.valueOf(what);
            }
        }

        private void close(Connection c) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A keep-alive connection with a hand-written response parser; its fields describe the last response. */
    static final class Connection implements Closeable {

        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SET_COOKIE = "set-cookie:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SID = "SID=".getBytes(StandardCharsets.US_ASCII);

        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private final byte[] line = new byte[8 * 1024];
        private int lineLength;

        int status;
        boolean refreshed;
        boolean close;
        String sessionCookie;
        /** When not null, every line of the next responses' heads is added here. */
        List<String> head;

        Connection(int port) throws IOException {
            this.port = port;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            position = 0;
            limit = 0;
        }

        void reconnect() throws IOException {
            close();
            connect();
        }

        void send(byte[] request) throws IOException {
            out.write(request);
        }

        /**
         * Reads one response. {@link #refreshed} tells whether a {@code Set-Cookie} started with
         * {@code refreshedCookie}; with {@code captureSession}, {@link #sessionCookie} is the {@code SID} value set.
         */
        void readResponse(byte[] refreshedCookie, boolean captureSession) throws IOException {
            status = -1;
            refreshed = false;
            close = false;
            sessionCookie = null;
            long contentLength = -1;
            readLine();
            if (lineLength < 12 || line[0] != 'H') {
                throw new IOException("Not an HTTP status line: "
                        + new String(line, 0, lineLength, StandardCharsets.US_ASCII));
            }
            status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            while (readLine() > 0) {
                if (startsWithIgnoreCase(CONTENT_LENGTH)) {
                    contentLength = Long.parseLong(value(CONTENT_LENGTH.length));
                } else if (startsWithIgnoreCase(SET_COOKIE)) {
                    int v = skipSpaces(SET_COOKIE.length);
                    if (refreshedCookie != null && regionEquals(v, refreshedCookie)) {
                        refreshed = true;
                    }
                    if (captureSession && regionEquals(v, SID)) {
                        int from = v + SID.length;
                        int to = from;
                        while (to < lineLength && line[to] != ';') {
                            to++;
                        }
                        sessionCookie = new String(line, from, to - from, StandardCharsets.US_ASCII);
                    }
                } else if (startsWithIgnoreCase(CONNECTION)) {
                    close = value(CONNECTION.length).equalsIgnoreCase("close");
                }
            }
            if (contentLength < 0 && (status == 204 || status == 304)) {
                contentLength = 0;
            }
            if (contentLength < 0) {
                throw new IOException("HTTP " + status + " without Content-Length");
            }
            skip(contentLength);
        }

        /** Reads a header line without its CR LF into {@link #line}; returns its length. */
        private int readLine() throws IOException {
            lineLength = 0;
            while (true) {
                if (position == limit) {
                    fill();
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    if (lineLength > 0 && line[lineLength - 1] == '\r') {
                        lineLength--;
                    }
                    if (head != null && lineLength > 0) {
                        head.add(new String(line, 0, lineLength, StandardCharsets.US_ASCII));
                    }
                    return lineLength;
                }
                if (lineLength == line.length) {
                    throw new IOException("Header line longer than " + line.length + " bytes");
                }
                line[lineLength++] = b;
            }
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                if (position == limit) {
                    fill();
                }
                int n = (int) Math.min(left, limit - position);
                position += n;
                left -= n;
            }
        }

        private void fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException("The server closed the connection");
            }
            position = 0;
            limit = n;
        }

        private boolean startsWithIgnoreCase(byte[] lowerCasePrefix) {
            if (lineLength < lowerCasePrefix.length) {
                return false;
            }
            for (int i = 0; i < lowerCasePrefix.length; i++) {
                int c = line[i];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != lowerCasePrefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean regionEquals(int from, byte[] expected) {
            if (lineLength - from < expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (line[from + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }

        private int skipSpaces(int from) {
            int i = from;
            while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            return i;
        }

        private String value(int nameLength) {
            int from = skipSpaces(nameLength);
            return new String(line, from, lineLength - from, StandardCharsets.US_ASCII).trim();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket we are done with
            }
        }
    }
}
