package org.amends.messaging;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State a component keeps for the length of the current transaction, written back once just before it commits. The
 * consumers apply a batch of events in one transaction ({@link org.amends.messaging.inbox.EventBatches}), so what many
 * events of a batch change on one row (an import's thousand cases of one signature, a month's budget that a batch's
 * remedies draw on) becomes one read and one write instead of one of each per event. The state is dropped when the
 * transaction ends, committed or not: a rolled-back batch, applied again message by message, starts afresh. An inner
 * transaction ({@code REQUIRES_NEW}) starts with a state of its own, and the outer one finds its state again when it
 * resumes.
 *
 * @param <T> the state, created at its first use in a transaction
 */
public final class PerTransaction<T> {

    private final Supplier<T> create;
    private final Consumer<T> writeBack;

    public PerTransaction(Supplier<T> create, Consumer<T> writeBack) {
        this.create = create;
        this.writeBack = writeBack;
    }

    /** The current transaction's state; there must be one with synchronization (any {@code @Transactional} has). */
    public T get() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("state per transaction needs an active transaction");
        }
        var existing = current();
        if (existing != null) {
            return existing;
        }
        var state = create.get();
        TransactionSynchronizationManager.bindResource(this, state);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private boolean suspended;

            @Override
            public void suspend() {
                suspended = current() == state;
                if (suspended) {
                    TransactionSynchronizationManager.unbindResource(PerTransaction.this);
                }
            }

            @Override
            public void resume() {
                if (suspended) {
                    TransactionSynchronizationManager.bindResource(PerTransaction.this, state);
                    suspended = false;
                }
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                if (current() == state) {
                    writeBack.accept(state);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (current() == state) {
                    TransactionSynchronizationManager.unbindResource(PerTransaction.this);
                }
            }
        });
        return state;
    }

    private @Nullable T current() {
        @SuppressWarnings("unchecked")
        var state = (T) TransactionSynchronizationManager.getResource(this);
        return state;
    }

    /**
     * Writes the state back now, for a transaction that reads the rows itself before it commits; its next use starts
     * a new state.
     */
    public void writeBackNow() {
        @SuppressWarnings("unchecked")
        var state = (T) TransactionSynchronizationManager.unbindResourceIfPossible(this);
        if (state != null) {
            writeBack.accept(state);
        }
    }
}
