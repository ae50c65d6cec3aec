package io.staleguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * Real servers that store tests need (PostgreSQL, MariaDB, Redis, …), and the one rule for them: when the environment
 * variable {@code CI} is set (to anything but {@code false}), an unreachable server <em>fails</em> the test, because the
 * CI machine runs them and a silent skip would hide a broken build; elsewhere the test is skipped with a message that
 * says how to run it.
 * <pre>
 * &#64;BeforeAll
 * static void server() {
 *     RealStores.require(RealStores.POSTGRES);
 * }
 * </pre>
 */
public final class RealStores {

    /**
     * A server a test needs.
     *
     * @param name what it is, for messages
     * @param host where it listens
     * @param port its port
     * @param howToRun what a developer has to start to run the test locally
     */
    public record Server(String name, String host, int port, String howToRun) {
    }

    public static final Server POSTGRES = new Server("PostgreSQL", "127.0.0.1", 5432,
            "start PostgreSQL on 127.0.0.1:5432 with user 'postgres' (trust authentication) and a database 'test'");
    public static final Server MARIADB = new Server("MariaDB", "127.0.0.1", 3306,
            "start MariaDB on 127.0.0.1:3306 with user 'root' (no password) and a database 'test'");
    public static final Server REDIS = new Server("Redis", "127.0.0.1", 6379, "start Redis on 127.0.0.1:6379");

    private static final Map<Server, Boolean> REACHABLE = new ConcurrentHashMap<>();

    private RealStores() {
    }

    /** @return whether this run is on CI, where every real server must be there */
    public static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.trim().toLowerCase(Locale.ROOT).equals("false");
    }

    /**
     * Returns when {@code server} accepts connections; otherwise fails the test on CI and skips it elsewhere.
     *
     * @param server the server the test needs
     */
    public static void require(Server server) {
        if (REACHABLE.computeIfAbsent(server, s -> reachable(s.host(), s.port()))) {
            return;
        }
        String where = server.name() + " is not reachable on " + server.host() + ":" + server.port();
        if (ci()) {
            fail(where + ", and CI is set: the CI machine must run it. To run elsewhere, " + server.howToRun() + ".");
        }
        Assumptions.abort(where + ": skipping. To run this test, " + server.howToRun()
                + " (with CI=true set, a missing server fails the build instead).");
    }

    /** @return whether a TCP connection to {@code host:port} opens within two seconds */
    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
