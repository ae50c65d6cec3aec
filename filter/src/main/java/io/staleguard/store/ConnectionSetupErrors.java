package io.staleguard.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import io.staleguard.spi.ConfigError;

/**
 * Connection failures that waiting cannot heal, told apart from outages: the driver and the server disagree about TLS,
 * the user or password is refused, the database does not exist, no driver accepts the URL. Drivers report some of
 * them with the same SQLState as a server that is down (MariaDB Connector/J: {@code 08000} for both "Trying to connect
 * with ssl, but ssl not enabled in the server" and "Connection refused"), so the cause chain decides: a socket that
 * could not connect or broke is an outage; the rest is read from the SQLState and, for TLS and the driver, the
 * message.
 */
final class ConnectionSetupErrors {

    static final String TLS = "the JDBC driver and the database server disagree about TLS: the driver asks for TLS "
            + "the server does not offer (MariaDB Connector/J 3 and later require it by default), or the reverse. "
            + "Enable TLS on the server, or set the driver's TLS property in the data source's URL or connection "
            + "properties: MariaDB Connector/J sslMode=disable (for example jdbc:mariadb://db:3306/app?sslMode=disable), "
            + "MySQL Connector/J sslMode=DISABLED (useSSL=false before 8.0.13), PostgreSQL sslmode=disable or "
            + "sslmode=prefer. Turn TLS off only on a network you trust";
    static final String AUTHENTICATION = "the database refused the user name or password: check the data source's "
            + "user and password (on WildFly the datasource's user-name and password, on Payara the pool's User and "
            + "Password properties)";
    static final String DATABASE = "the database named in the data source's URL does not exist: check the database "
            + "name in the URL (for example jdbc:postgresql://db:5432/app) or the pool's databaseName property";
    static final String DRIVER = "no JDBC driver accepts the data source's URL: check the URL's prefix (jdbc:mariadb:, "
            + "jdbc:postgresql:, jdbc:h2:) and that the driver is deployed with the data source";

    private ConnectionSetupErrors() {
    }

    /**
     * @param error the id the message starts with
     * @param fix what to change, naming the driver setting
     * @param evidence the exception in the chain that shows it: the driver's, not a pool's wrapper
     */
    record Finding(ConfigError error, String fix, Throwable evidence) {
    }

    /**
     * @param failure what {@code DataSource.getConnection()} threw
     * @return what to fix, or null when the failure may heal (an outage, a full pool)
     */
    static Finding find(SQLException failure) {
        Set<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t.getClass().getName().startsWith("javax.net.ssl.")) {
                // a handshake that failed: certificates or protocol, not the network
                return new Finding(ConfigError.STORE_TLS, TLS, t);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException) {
                return null; // refused, reset, timed out: the network or the server, which may come back
            }
        }
        for (Throwable t : chain) {
            if (mentionsTls(t.getMessage())) {
                return new Finding(ConfigError.STORE_TLS, TLS, t);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                if (state.startsWith("28")) {
                    return new Finding(ConfigError.STORE_AUTHENTICATION, AUTHENTICATION, s);
                }
                if (state.equals("3D000") || s.getErrorCode() == 1049) { // 1049: MySQL/MariaDB "Unknown database"
                    return new Finding(ConfigError.STORE_DATABASE, DATABASE, s);
                }
                if (String.valueOf(s.getMessage()).startsWith("No suitable driver")) {
                    return new Finding(ConfigError.STORE_DRIVER, DRIVER, s);
                }
            }
        }
        return null;
    }

    /** "ssl" or "tls" as a word of the message, in any case. */
    private static boolean mentionsTls(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return containsWord(m, "ssl") || containsWord(m, "tls");
    }

    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            boolean startsWord = at == 0 || !Character.isLetter(text.charAt(at - 1));
            int end = at + word.length();
            boolean endsWord = end == text.length() || !Character.isLetter(text.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    /** The failure, its causes and its chained SQLExceptions, each once, at most 32. */
    private static Set<Throwable> chain(SQLException failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && seen.size() < 32) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                todo.add(s.getNextException());
            }
        }
        return seen;
    }
}
