package io.staleguard.store;

/**
 * The one method of {@code jakarta.transaction.TransactionSynchronizationRegistry} the JDBC store calls (by
 * reflection, through an interface of that simple name): the filter's tests have no JTA API on their class path.
 */
public interface TransactionSynchronizationRegistry {

    int STATUS_ACTIVE = 0;
    int STATUS_NO_TRANSACTION = 6;

    int getTransactionStatus();
}
