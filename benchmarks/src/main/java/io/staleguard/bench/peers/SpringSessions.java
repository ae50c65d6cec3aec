package io.staleguard.bench.peers;

import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.data.redis.config.ConfigureRedisAction;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.PlatformTransactionManager;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import jakarta.servlet.Filter;

/**
 * Spring Session as its reference documentation sets it up without Spring Boot: a plain
 * {@link AnnotationConfigApplicationContext} with {@code @EnableJdbcHttpSession} (a {@code DataSource} and a
 * {@code PlatformTransactionManager}), {@code @EnableRedisHttpSession} ({@link RedisSessionRepository}) or
 * {@code @EnableRedisIndexedHttpSession} ({@link RedisIndexedSessionRepository}, with
 * {@link ConfigureRedisAction#NO_OP} because the benchmark must not reconfigure a shared Redis: the documented choice
 * where {@code CONFIG} is not allowed), each on a {@link LettuceConnectionFactory}. Everything else is Spring Session's
 * default: 30 minutes of inactivity (Staleguard's default too), {@code FlushMode.ON_SAVE}, {@code SaveMode.ON_SET_ATTRIBUTE},
 * and its {@code DefaultCookieSerializer}, whose cookie is renamed {@code SID} so that the one load client serves every
 * application. Only the table name and the key namespace differ from the defaults, through the documented
 * {@link SessionRepositoryCustomizer}, so that runs never share rows or keys.
 * <p>
 * The returned context's bean {@code springSessionRepositoryFilter} is the {@code SessionRepositoryFilter}; the
 * servlet context registers it first, on {@code /*}, as {@code AbstractHttpSessionApplicationInitializer} does.
 */
public final class SpringSessions {

    /** The bean {@code @Enable…HttpSession} defines. */
    public static final String FILTER_BEAN = "springSessionRepositoryFilter";
    /** The cookie of every application in the benchmark. */
    public static final String COOKIE = "SID";

    private SpringSessions() {
    }

    /** The table name or key namespace of one application. */
    public record Names(String value) {
    }

    /** Spring Session JDBC on {@code dataSource}, in {@code table} and {@code table + "_ATTRIBUTES"}. */
    public static AnnotationConfigApplicationContext jdbc(DataSource dataSource, String table) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(DataSource.class, () -> dataSource);
        context.registerBean(Names.class, () -> new Names(table));
        context.register(Jdbc.class);
        context.refresh();
        return context;
    }

    /**
     * Spring Session Data Redis on Redis at {@code host:port}, keys under {@code namespace}; every command its Lettuce
     * client sends increments {@code commands}.
     *
     * @param indexed {@link RedisIndexedSessionRepository} rather than {@link RedisSessionRepository}
     */
    public static AnnotationConfigApplicationContext redis(String host, int port, String namespace, boolean indexed,
            LongAdder commands) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(RedisConnectionFactory.class,
                () -> new CountingLettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), commands));
        context.registerBean(Names.class, () -> new Names(namespace));
        context.register(indexed ? IndexedRedis.class : Redis.class);
        context.refresh();
        return context;
    }

    /** The {@code SessionRepositoryFilter} of a context made here. */
    public static Filter filter(AnnotationConfigApplicationContext context) {
        return context.getBean(FILTER_BEAN, Filter.class);
    }

    /** What both Spring Session setups share: the cookie. */
    static class Cookie {
        @Bean
        CookieSerializer cookieSerializer() {
            DefaultCookieSerializer cookie = new DefaultCookieSerializer();
            cookie.setCookieName(COOKIE);
            return cookie;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcHttpSession
    static class Jdbc extends Cookie {
        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        SessionRepositoryCustomizer<JdbcIndexedSessionRepository> table(Names names) {
            return repository -> repository.setTableName(names.value());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableRedisHttpSession
    static class Redis extends Cookie {
        @Bean
        SessionRepositoryCustomizer<RedisSessionRepository> namespace(Names names) {
            return repository -> repository.setRedisKeyNamespace(names.value());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableRedisIndexedHttpSession
    static class IndexedRedis extends Cookie {
        @Bean
        SessionRepositoryCustomizer<RedisIndexedSessionRepository> namespace(Names names) {
            return repository -> repository.setRedisKeyNamespace(names.value());
        }

        @Bean
        ConfigureRedisAction configureRedisAction() {
            return ConfigureRedisAction.NO_OP;
        }
    }

    /**
     * Counts the commands of its Lettuce client with a {@link CommandListener}, as the store benchmark counts
     * Staleguard's: the listener is on the client before any connection is made.
     */
    static final class CountingLettuceConnectionFactory extends LettuceConnectionFactory {

        private final LongAdder commands;

        CountingLettuceConnectionFactory(RedisStandaloneConfiguration configuration, LongAdder commands) {
            super(configuration);
            this.commands = commands;
        }

        @Override
        protected AbstractRedisClient createClient() {
            AbstractRedisClient client = super.createClient();
            ((RedisClient) client).addListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.increment();
                }
            });
            return client;
        }
    }
}
