package io.staleguard.cdi.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Jakarta Transactions integration; only called when {@link Frameworks#JTA} holds. */
final class Transactions {

    /** The name every Jakarta EE server binds the registry under. */
    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private Transactions() {
    }

    /**
     * The interceptor turns an exception into a normal return, and runs inside {@code @Transactional} and EJB
     * transactions. Without this, the transaction would commit whatever the failed step wrote before it found the
     * session gone; the exception would have rolled it back. Marks the transaction of this thread rollback-only, if
     * there is an active one.
     */
    static void rollBackCurrent() {
        TransactionSynchronizationRegistry registry;
        try {
            registry = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
        } catch (NamingException | RuntimeException noTransactions) {
            return;
        }
        if (registry != null && registry.getTransactionStatus() == Status.STATUS_ACTIVE) {
            registry.setRollbackOnly();
        }
    }
}
