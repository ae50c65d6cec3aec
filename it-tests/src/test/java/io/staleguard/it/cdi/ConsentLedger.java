package io.staleguard.it.cdi;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.staleguard.cdi.Interaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The consent step in a JTA transaction ({@code @Transactional} outside, {@code @Interaction} inside): it records the
 * consent, then finds the session gone. The exception would have rolled the transaction back; a recovery that replaces
 * it must not let the half-done work commit. Each transaction's outcome is kept in {@link #lastOutcome()}.
 * <p>
 * The outcome is a future because the recovery is written, and flushed to the browser, inside the transaction: the
 * browser may have its answer a moment before the transaction manager has finished.
 */
@ApplicationScoped
public class ConsentLedger {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Consents consents;

    private volatile CompletableFuture<Integer> lastOutcome = new CompletableFuture<>();

    /** "Allow access" in a transaction; null when Staleguard answered. */
    @Transactional
    @Interaction(restart = "/authorize")
    public String confirm() {
        watchOutcome();
        return consents.finish();
    }

    /** The control: a transaction that ends normally commits, so the outcome the test reads is real. */
    @Transactional
    public void touch() {
        watchOutcome();
    }

    /** The {@link Status} the last transaction completed with, once it has. */
    public CompletableFuture<Integer> lastOutcome() {
        return lastOutcome;
    }

    private void watchOutcome() {
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        lastOutcome = outcome;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                outcome.complete(status);
            }
        });
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("no active transaction");
        }
    }

    /** {@code POST /ledger/confirm}, {@code POST /ledger/touch}. */
    @WebServlet("/ledger/*")
    public static class Endpoint extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Inject
        ConsentLedger ledger;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if ("/touch".equals(req.getPathInfo())) {
                ledger.touch();
                resp.setStatus(204);
                return;
            }
            String callback = ledger.confirm();
            if (callback != null) {
                resp.setStatus(303);
                resp.setHeader("Location", callback);
            }
        }
    }
}
