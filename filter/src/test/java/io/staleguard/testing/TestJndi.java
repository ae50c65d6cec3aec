package io.staleguard.testing;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI with nothing but what a test binds, for {@code store=jdbc:<JNDI name>}. Install it with {@link #install()}
 * and remove it with {@link #uninstall()}.
 */
public final class TestJndi implements InitialContextFactory {

    public static final Map<String, Object> BINDINGS = new ConcurrentHashMap<>();

    public static void install() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestJndi.class.getName());
    }

    public static void uninstall() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BINDINGS.clear();
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(TestJndi.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object found = BINDINGS.get(String.valueOf(args[0]));
                        if (found == null) {
                            throw new NameNotFoundException(args[0] + " not bound");
                        }
                        yield found;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
