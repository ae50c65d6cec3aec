package io.staleguard.store;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

/**
 * Whether the calling thread runs inside a Jakarta Transactions (JTA) transaction, asked of the server's
 * {@code TransactionSynchronizationRegistry} by reflection: the filter jar has no dependency on the JTA API. Only
 * consulted for connections that are not in auto-commit mode, which is how a container-managed connection enlisted in
 * a JTA transaction reports itself; a store must then neither commit nor roll back, the transaction's owner does.
 */
final class JtaTransactions {

    /** The name every Jakarta EE server binds the registry under. */
    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";
    /** {@code jakarta.transaction.Status.STATUS_NO_TRANSACTION}. */
    private static final int STATUS_NO_TRANSACTION = 6;

    /** The registry once found: one per server, so it is kept. */
    private static volatile Object registry;
    /** Set when there is no JNDI at all (plain Java SE): that does not change while the JVM runs. */
    private static volatile boolean noJndi;

    /** For tests, which install and remove JNDI bindings: look the registry up again. */
    static void forget() {
        registry = null;
        noJndi = false;
    }

    private JtaTransactions() {
    }

    /** @return whether a JTA transaction is associated with this thread; false when JTA or JNDI is absent */
    static boolean active() {
        Object found = registry();
        if (found == null) {
            return false;
        }
        try {
            Class<?> api = registryInterface(found.getClass());
            if (api == null) {
                return false;
            }
            Object status = api.getMethod("getTransactionStatus").invoke(found);
            return status instanceof Integer s && s != STATUS_NO_TRANSACTION;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The public API interface, called through rather than the server's implementation class. */
    private static Class<?> registryInterface(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().endsWith(".TransactionSynchronizationRegistry")) {
                    return i;
                }
            }
        }
        return null;
    }

    private static Object registry() {
        Object found = registry;
        if (found != null || noJndi) {
            return found;
        }
        try {
            found = new InitialContext().lookup(REGISTRY);
        } catch (NoInitialContextException e) {
            noJndi = true;
            return null;
        } catch (NamingException | RuntimeException e) {
            return null; // a container without JTA, or a thread without java:comp: ask again next time
        }
        registry = found;
        return found;
    }
}
