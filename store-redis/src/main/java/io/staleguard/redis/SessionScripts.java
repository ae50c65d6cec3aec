package io.staleguard.redis;

/**
 * The scripts of a {@link RedisSessionStore}, each on its one key (so that they also run on Redis Cluster). They spell
 * out the hash fields {@code created_at} and {@code absolute_expires_at}; the key's own expiry is the record's.
 */
final class SessionScripts {

    /** KEYS[1] the session; ARGV: now. Returns {} or {created_at, expires_at, absolute_expires_at}. */
    static final LuaScript LOOKUP = new LuaScript("""
            local f = redis.call('HMGET', KEYS[1], 'created_at', 'absolute_expires_at')
            if not f[1] or not f[2] then return {} end
            local expires = redis.call('PEXPIRETIME', KEYS[1])
            if expires <= tonumber(ARGV[1]) then return {} end
            return {tonumber(f[1]), expires, tonumber(f[2])}
            """);

    /**
     * KEYS[1] the session; ARGV: wanted expiry, now. Returns the expiry after the touch, or -1 when there is no live
     * record. PEXPIREAT never creates a key; GT never shortens one.
     */
    static final LuaScript TOUCH = new LuaScript("""
            local limit = redis.call('HGET', KEYS[1], 'absolute_expires_at')
            if not limit then return -1 end
            if redis.call('PEXPIRETIME', KEYS[1]) <= tonumber(ARGV[2]) then return -1 end
            local wanted = ARGV[1]
            if tonumber(wanted) > tonumber(limit) then wanted = limit end
            redis.call('PEXPIREAT', KEYS[1], wanted, 'GT')
            return redis.call('PEXPIRETIME', KEYS[1])
            """);

    /**
     * KEYS[1] the session; ARGV: created_at, expires_at, absolute_expires_at, now. Returns 0 when a live record (or a
     * key without expiry) is in the way, else 1. An expired-but-not-yet-removed key is replaced.
     */
    static final LuaScript CREATE = new LuaScript("""
            local expires = redis.call('PEXPIRETIME', KEYS[1])
            if expires == -1 or expires > tonumber(ARGV[4]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'created_at', ARGV[1], 'absolute_expires_at', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[2])
            return 1
            """);

    private SessionScripts() {
    }
}
