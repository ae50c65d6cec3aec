package io.staleguard.it.sso;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The application's user table, in the server's default data source ({@code java:comp/DefaultDataSource}: H2 on
 * WildFly and Payara): {@value SsoApp#ALICE} and {@value SsoApp#BOB}.
 * The sign-in looks the proxy's header up here, the way the context-param {@value SsoApp#LOOKUP_PARAM} says.
 */
@WebListener
public class Users implements ServletContextListener {

    /** How a header value is turned into a user. */
    enum Lookup {
        /** {@code WHERE email = ?}: the only right way; {@code %}, {@code _} and {@code *} are just characters. */
        EXACT("SELECT email FROM sso_users WHERE email = ?"),
        /**
         * {@code WHERE email ILIKE ?}, the incident's bug: {@code %} and {@code _} in the header are wildcards, so
         * {@code %@%.%} matches every row, and the first one (alphabetically: alice) is signed in.
         */
        ILIKE("SELECT email FROM sso_users WHERE email ILIKE ? ORDER BY email");

        final String query;

        Lookup(String query) {
            this.query = query;
        }
    }

    private static final String ATTRIBUTE = Users.class.getName();

    private DataSource dataSource;

    private Lookup lookup;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        lookup = "ilike".equals(context.getInitParameter(SsoApp.LOOKUP_PARAM)) ? Lookup.ILIKE : Lookup.EXACT;
        try {
            dataSource = InitialContext.doLookup("java:comp/DefaultDataSource");
        } catch (NamingException e) {
            throw new IllegalStateException("no default data source", e);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sso_users (email VARCHAR(320) PRIMARY KEY)");
            s.execute("MERGE INTO sso_users KEY (email) VALUES ('" + SsoApp.ALICE + "'), ('" + SsoApp.BOB + "')");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the user table in the default data source", e);
        }
        context.setAttribute(ATTRIBUTE, this);
    }

    static Users of(ServletContext context) {
        return (Users) context.getAttribute(ATTRIBUTE);
    }

    /** The user the proxy's header names, after the usual trimming and lower-casing, if there is one. */
    Optional<String> find(String claimed) throws SQLException {
        String email = claimed.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(lookup.query)) {
            s.setString(1, email);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
