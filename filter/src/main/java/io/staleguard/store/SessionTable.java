package io.staleguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.staleguard.store.SessionStore.TouchResult;

/**
 * The statements of a {@link JdbcSessionStore} on its table: written once from the configured names, which
 * {@link SqlIdentifiers} has checked, and run on the connection they are given. Session ids are only ever bound as
 * parameters; every statement has the store's query timeout.
 */
final class SessionTable {

    private final int queryTimeoutSeconds;

    private final String lookupSql;
    private final String touchSql;
    private final String touchToLimitSql;
    private final String expirySql;
    private final String deleteSql;
    private final String deleteExpiredIdSql;
    private final String insertSql;
    private final String purgeSql;
    private final String checkSql;

    SessionTable(String table, String id, String createdAt, String expiresAt, String absoluteExpiresAt,
            int queryTimeoutSeconds) {
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        lookupSql = "SELECT " + createdAt + ", " + expiresAt + ", " + absoluteExpiresAt + " FROM " + table
                + " WHERE " + id + " = ? AND " + expiresAt + " > ?";
        touchSql = "UPDATE " + table + " SET " + expiresAt + " = ? WHERE " + id + " = ? AND " + expiresAt
                + " > ? AND " + absoluteExpiresAt + " >= ?";
        touchToLimitSql = "UPDATE " + table + " SET " + expiresAt + " = " + absoluteExpiresAt + " WHERE " + id
                + " = ? AND " + expiresAt + " > ? AND " + absoluteExpiresAt + " < ?";
        expirySql = "SELECT " + expiresAt + " FROM " + table + " WHERE " + id + " = ? AND " + expiresAt + " > ?";
        deleteSql = "DELETE FROM " + table + " WHERE " + id + " = ?";
        deleteExpiredIdSql = "DELETE FROM " + table + " WHERE " + id + " = ? AND " + expiresAt + " <= ?";
        insertSql = "INSERT INTO " + table + " (" + id + ", " + createdAt + ", " + expiresAt + ", "
                + absoluteExpiresAt + ") VALUES (?, ?, ?, ?)";
        purgeSql = "DELETE FROM " + table + " WHERE " + expiresAt + " <= ?";
        checkSql = "SELECT " + id + ", " + createdAt + ", " + expiresAt + ", " + absoluteExpiresAt + " FROM "
                + table + " WHERE 1 = 0";
    }

    Optional<StoredSession> lookup(Connection c, String id, long now) throws SQLException {
        try (PreparedStatement s = prepare(c, lookupSql)) {
            s.setString(1, id);
            s.setLong(2, now);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.<StoredSession>empty();
                }
                return Optional.of(new StoredSession(Instant.ofEpochMilli(r.getLong(1)),
                        Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3))));
            }
        }
    }

    TouchResult touch(Connection c, String id, long now, long wanted) throws SQLException {
        try (PreparedStatement s = prepare(c, touchSql)) {
            s.setLong(1, wanted);
            s.setString(2, id);
            s.setLong(3, now);
            s.setLong(4, wanted);
            if (s.executeUpdate() > 0) {
                return TouchResult.touched(Instant.ofEpochMilli(wanted));
            }
        }
        // Gone, or near its absolute limit (or a driver that counts unchanged rows as unaffected): cap at the
        // limit, then read what the record now says. Both are conditional on the row existing.
        try (PreparedStatement s = prepare(c, touchToLimitSql)) {
            s.setString(1, id);
            s.setLong(2, now);
            s.setLong(3, wanted);
            s.executeUpdate();
        }
        try (PreparedStatement s = prepare(c, expirySql)) {
            s.setString(1, id);
            s.setLong(2, now);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? TouchResult.touched(Instant.ofEpochMilli(r.getLong(1))) : TouchResult.GONE;
            }
        }
    }

    int delete(Connection c, String id) throws SQLException {
        try (PreparedStatement s = prepare(c, deleteSql)) {
            s.setString(1, id);
            return s.executeUpdate();
        }
    }

    /** Replaces an expired record with the same id; a live one makes the insert fail with a duplicate key. */
    int create(Connection c, String id, StoredSession session, long now) throws SQLException {
        try (PreparedStatement s = prepare(c, deleteExpiredIdSql)) {
            s.setString(1, id);
            s.setLong(2, now);
            s.executeUpdate();
        }
        try (PreparedStatement s = prepare(c, insertSql)) {
            s.setString(1, id);
            s.setLong(2, session.createdAt().toEpochMilli());
            s.setLong(3, session.expiresAt().toEpochMilli());
            s.setLong(4, session.absoluteExpiresAt().toEpochMilli());
            return s.executeUpdate();
        }
    }

    int purge(Connection c, long now) throws SQLException {
        try (PreparedStatement s = prepare(c, purgeSql)) {
            s.setLong(1, now);
            return s.executeUpdate();
        }
    }

    /** Reads no row, but fails when the table or one of the four columns is missing. */
    boolean check(Connection c) throws SQLException {
        try (PreparedStatement s = prepare(c, checkSql); ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(queryTimeoutSeconds);
        return s;
    }
}
