package io.staleguard.cluster.sso;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The application's own session state, kept where every node sees it: one row per signed-in session in {@value #TABLE}
 * of the shared database, keyed by the Staleguard session cookie's value. A non-sticky application has to keep it
 * there, since each node's {@code HttpSession} is its own.
 */
final class SharedSessions {

    static final String TABLE = "app_session";
    /** The DDL, in the schema of the shared PostgreSQL data source. */
    static final String DDL = "CREATE TABLE " + TABLE + " (sid VARCHAR(255) PRIMARY KEY, sid_hash CHAR(12) NOT NULL, "
            + "username VARCHAR(255) NOT NULL)";
    /** The application's session cookie, which Staleguard rolls (the store's session id). */
    static final String COOKIE = "SID";
    /** The HttpSession attribute Staleguard reads the session's user from ({@code identity-attribute}). */
    static final String USER_ATTRIBUTE = "user";
    /** The shared PostgreSQL data source, which the application defines in web.xml (the store's, too). */
    static final String JNDI = "java:app/jdbc/wt_rolling_it_sessions";

    private SharedSessions() {
    }

    static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup(JNDI);
        } catch (NamingException e) {
            throw new IllegalStateException("no data source " + JNDI, e);
        }
    }

    static String sid(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** @return the user signed in on session {@code sid}, or null */
    static String user(DataSource ds, String sid) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT username FROM " + TABLE + " WHERE sid = ?")) {
            s.setString(1, sid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static void signIn(DataSource ds, String sid, String sidHash, String user) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                + " (sid, sid_hash, username) VALUES (?, ?, ?)")) {
            s.setString(1, sid);
            s.setString(2, sidHash);
            s.setString(3, user);
            s.executeUpdate();
        }
    }

    static void forget(DataSource ds, String sidHash) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE sid_hash = ?")) {
            s.setString(1, sidHash);
            s.executeUpdate();
        }
    }
}
