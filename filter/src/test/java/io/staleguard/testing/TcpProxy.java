package io.staleguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a real server, for fault injection: {@link #drop()} cuts every open connection (as a
 * failing network or a restarting server would) and refuses new ones until {@link #heal()}; {@link #delay(Duration)}
 * holds every byte in either direction for that long (a stalled network, a server stuck in a long pause) until
 * {@link #heal()}, which lets the held bytes go at once. The servers themselves are never touched.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    /** Nanoseconds every chunk is held before it is passed on; 0 passes at once. */
    private volatile long delayNanos;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts every open connection and refuses new ones. */
    public void drop() {
        refusing = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /**
     * Holds every byte, in both directions, for {@code delay} before passing it on: longer than a client's timeout,
     * the client gives up while the server still gets and answers everything late.
     */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Lets connections through again, at once: no more refusing, no more delay. */
    public void heal() {
        refusing = false;
        delayNanos = 0;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    hold(System.nanoTime());
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a cut connection ends the pump
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the chunk read at {@code readAt} is due, re-reading the delay so that {@link #heal()} ends it. */
    private void hold(long readAt) throws IOException {
        while (!closed) {
            long wait = readAt + delayNanos - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        drop();
        listener.close();
    }
}
