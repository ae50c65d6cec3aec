package io.staleguard.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.store.StoredSession;

/**
 * The records of a {@link RedisSessionStore}: one hash per session under the key {@code <prefix><session id>}, whose
 * own expiry is the record's, read, touched and created by one script each and deleted by {@code DEL}. Ids reach this
 * class only once the store has found them valid.
 *
 * @param description the store, as messages name it
 */
record SessionKeys(String prefix, Clock clock, LazyConnection connection, ReplicaWait replicaWait,
        String description) {

    Optional<StoredSession> lookup(String id) {
        List<Long> found = run("look up a session", SessionScripts.LOOKUP, ScriptOutputType.MULTI, key(id),
                Long.toString(clock.millis()));
        if (found == null || found.size() != 3) {
            return Optional.empty();
        }
        return Optional.of(new StoredSession(Instant.ofEpochMilli(found.get(0)), Instant.ofEpochMilli(found.get(1)),
                Instant.ofEpochMilli(found.get(2))));
    }

    TouchResult touch(String id, Instant newExpiry) {
        Long expiry = run("touch a session", SessionScripts.TOUCH, ScriptOutputType.INTEGER, key(id),
                Long.toString(newExpiry.toEpochMilli()), Long.toString(clock.millis()));
        return expiry == null || expiry < 0 ? TouchResult.GONE : TouchResult.touched(Instant.ofEpochMilli(expiry));
    }

    /** @return whether the {@code DEL} removed the key */
    boolean delete(String id) {
        String key = key(id);
        RedisClusterCommands<String, String> redis = connection.commands("delete a session");
        if (replicaWait.enabled()) {
            // WAIT counts the writes of the connection it is sent on: DEL and WAIT go to the key's own master.
            redis = connection.masterOf(redis, key);
        }
        try {
            Long removed = redis.del(key);
            if (replicaWait.enabled()) {
                replicaWait.confirm(redis);
            }
            return removed != null && removed > 0;
        } catch (RedisException e) {
            throw RedisFailures.failure(description, "delete a session", e);
        }
    }

    /** @throws IllegalArgumentException if a live record with this id exists */
    void create(String id, StoredSession session) {
        Long created = run("create a session", SessionScripts.CREATE, ScriptOutputType.INTEGER, key(id),
                Long.toString(session.createdAt().toEpochMilli()), Long.toString(session.expiresAt().toEpochMilli()),
                Long.toString(session.absoluteExpiresAt().toEpochMilli()), Long.toString(clock.millis()));
        if (created == null || created == 0) {
            throw new IllegalArgumentException("A session with this id already exists under " + prefix);
        }
    }

    private String key(String id) {
        return prefix + id;
    }

    private <T> T run(String operation, LuaScript script, ScriptOutputType type, String key, String... args) {
        RedisClusterCommands<String, String> redis = connection.commands(operation);
        try {
            return script.run(redis, type, key, args);
        } catch (RedisException e) {
            throw RedisFailures.failure(description, operation, e);
        }
    }
}
