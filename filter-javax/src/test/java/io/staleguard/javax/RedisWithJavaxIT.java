package io.staleguard.javax;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.staleguard.javax.check.ConstantPool;
import io.staleguard.javax.check.Jar;
import io.staleguard.javax.check.JavaxJars;
import io.staleguard.javax.check.Linkage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * staleguard-redis.jar needs no javax twin: it uses no servlet, CDI or other Jakarta type at all, only the store SPI
 * ({@code io.staleguard.store}), and every Staleguard class and member it uses is in staleguard-filter-javax.jar,
 * unchanged. So the one Redis jar serves both variants; with the javax one, users exclude its dependency on
 * staleguard-filter (docs/legacy-javax.md).
 */
@DisplayName("staleguard-redis.jar with staleguard-filter-javax.jar")
class RedisWithJavaxIT {

    @Test
    @DisplayName("refers to no jakarta or javax.servlet name; only io.staleguard.store of Staleguard's")
    void usesOnlyTheStoreSpi() {
        Jar redis = Jar.fromProperty("staleguard.redis.jar");
        List<ConstantPool> pools = JavaxJars.pools(redis);
        assertFalse(pools.isEmpty());
        List<String> staleguard = new ArrayList<>();
        for (ConstantPool pool : pools) {
            for (String utf8 : pool.utf8()) {
                assertFalse(utf8.contains("jakarta") || utf8.contains("javax/servlet") || utf8.contains("javax.servlet"),
                        pool.className() + ": " + utf8);
            }
            pool.classes().stream().filter(c -> c.startsWith("io/staleguard/") && !c.startsWith("io/staleguard/redis/"))
                    .forEach(staleguard::add);
        }
        assertTrue(staleguard.stream().allMatch(c -> c.startsWith("io/staleguard/store/")), staleguard::toString);
    }

    @Test
    @DisplayName("every Staleguard class, field and method it uses links against staleguard-filter-javax.jar")
    void linksAgainstTheJavaxFilter() throws Exception {
        Jar redis = Jar.fromProperty("staleguard.redis.jar");
        List<Path> jars = new ArrayList<>(Linkage.jarsFromProperty("staleguard.api.jars"));
        jars.add(Jar.fromProperty("staleguard.javax.jar").path());
        JavaxJars.assertLinks(redis, jars,
                name -> name.startsWith("io/staleguard/") && !name.startsWith("io/staleguard/redis/"));
    }
}
