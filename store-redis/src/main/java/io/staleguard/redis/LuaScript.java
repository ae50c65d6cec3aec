package io.staleguard.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/** A Lua script and its SHA-1, for EVALSHA: one round trip that Redis runs atomically on one key. */
final class LuaScript {

    private final String text;
    private final String sha;

    LuaScript(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** @throws io.lettuce.core.RedisException as Lettuce throws it */
    <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String key, String... args) {
        String[] keys = {key};
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException notLoadedYet) {
            // First use on this server (or after a restart or SCRIPT FLUSH): EVAL runs it and caches it.
            return redis.eval(text, type, keys, args);
        }
    }
}
