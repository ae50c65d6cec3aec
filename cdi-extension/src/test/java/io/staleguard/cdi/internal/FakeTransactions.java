package io.staleguard.cdi.internal;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A transaction registry bound under {@code java:comp/TransactionSynchronizationRegistry} through a JNDI provider that
 * knows nothing else, as a server binds its own, for the duration of a test.
 */
final class FakeTransactions implements TransactionSynchronizationRegistry, AutoCloseable {

    private static volatile FakeTransactions bound;

    int status;
    int rollbackOnlyCalls;

    private FakeTransactions(int status) {
        this.status = status;
    }

    static FakeTransactions bind(int status) {
        FakeTransactions registry = new FakeTransactions(status);
        bound = registry;
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Naming.class.getName());
        return registry;
    }

    @Override
    public void close() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        bound = null;
    }

    /** The JNDI provider: {@code lookup} of the registry's name, nothing else. */
    public static final class Naming implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Naming.class.getClassLoader(), new Class<?>[] { Context.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("lookup") && Transactions.REGISTRY.equals(String.valueOf(args[0]))
                                && bound != null) {
                            return bound;
                        }
                        if (method.getName().equals("lookup")) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new OperationNotSupportedException(method.getName());
                    });
        }
    }

    @Override
    public int getTransactionStatus() {
        return status;
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnlyCalls++;
        status = Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public boolean getRollbackOnly() {
        return status == Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public Object getTransactionKey() {
        return this;
    }

    @Override
    public void putResource(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getResource(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        throw new UnsupportedOperationException();
    }
}
