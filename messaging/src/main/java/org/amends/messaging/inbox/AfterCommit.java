package org.amends.messaging.inbox;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs what must reflect only committed work, such as a consumed-events counter, once the current transaction has
 * committed: a rolled-back batch (applied again message by message, see {@link EventBatches}) or a retried attempt
 * then counts nothing. Outside a transaction it runs at once. Not for use inside another synchronization's {@code
 * afterCommit}: what is registered that late is never called.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
