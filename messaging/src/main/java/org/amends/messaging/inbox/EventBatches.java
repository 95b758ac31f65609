package org.amends.messaging.inbox;

import java.util.List;
import java.util.function.Consumer;
import org.amends.messaging.CachedPlans;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of consumed messages in one transaction, with the service's own per-message handler: one commit and
 * one acknowledgement per batch instead of per message. If anything in the batch throws, the whole transaction
 * rolls back and each message is applied alone, in its own transaction, with the listener retry of {@code
 * spring.rabbitmq.listener.simple.retry}; a message that still fails goes to its {@code .dlq} through {@link
 * DeadLetters} with the reason. So a poison message costs its batch one rolled-back attempt, and its batch-mates are
 * applied once each and acknowledged with the batch.
 *
 * <p>The handler must keep its effects inside the transaction (the inbox, the read models, the outbox): a rolled-back
 * batch is applied again message by message. Counters go through {@link AfterCommit}, so they count what committed.
 * Each transaction lets PostgreSQL reuse its plans ({@link CachedPlans}, ADR 12; {@code amends.inbox.cached-plans}): a
 * consumer writes and reads by key, and one that must search a growing table calls {@link
 * CachedPlans#planAfreshUntilCommit} before it does.
 *
 * <p>A listener on the {@link #LISTENER_CONTAINER_FACTORY} takes the batch as {@code List<Message>} and hands it here.
 */
public class EventBatches {

    /** The container factory a batched {@code @RabbitListener} names in {@code containerFactory}. */
    public static final String LISTENER_CONTAINER_FACTORY = "eventBatchListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final TransactionTemplate transaction;
    private final @Nullable JdbcClient cachedPlans;
    private final RetryTemplate retry;
    private final MessageRecoverer deadLetters;

    /**
     * {@code cachedPlans} is the connection to let PostgreSQL keep plans on for each transaction, or null to plan every
     * statement afresh ({@code amends.inbox.cached-plans}).
     */
    public EventBatches(
            TransactionTemplate transaction,
            @Nullable JdbcClient cachedPlans,
            RetryTemplate retry,
            MessageRecoverer deadLetters) {
        this.transaction = transaction;
        this.cachedPlans = cachedPlans;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    /** Applies every message of the batch once, or dead-letters the ones that cannot be applied. */
    public void apply(List<Message> messages, Consumer<Message> handler) {
        applyAll(messages, batch -> batch.forEach(handler));
    }

    /**
     * As {@link #apply}, for a handler that takes the whole batch at once (to write it set-based, one statement for
     * many messages): it gets the batch, or, once the batch has failed, each message alone as a list of one.
     */
    public void applyAll(List<Message> messages, Consumer<List<Message>> handler) {
        if (messages.size() > 1) {
            try {
                transaction.executeWithoutResult(status -> take(messages, handler));
                return;
            } catch (RuntimeException e) {
                // The exception's class only: its message may quote event data; the failing message's .dlq says why.
                log.info(
                        "a batch of {} messages from {} rolled back ({}); applying them one at a time",
                        messages.size(),
                        messages.getFirst().getMessageProperties().getConsumerQueue(),
                        e.getClass().getSimpleName());
            }
        }
        messages.forEach(message -> applyAlone(message, handler));
    }

    private void applyAlone(Message message, Consumer<List<Message>> handler) {
        try {
            retry.execute(() -> transaction.execute(status -> {
                take(List.of(message), handler);
                return message;
            }));
        } catch (RetryException spent) {
            recover(message, spent.getLastException());
        }
    }

    /** Inside the transaction: its plans may be kept until it commits, then the handler takes the messages. */
    private void take(List<Message> messages, Consumer<List<Message>> handler) {
        if (cachedPlans != null) {
            CachedPlans.useUntilCommit(cachedPlans);
        }
        handler.accept(messages);
    }

    private void recover(Message message, Throwable cause) {
        try {
            deadLetters.recover(message, cause);
        } catch (RuntimeException e) {
            // Acknowledging the batch now would lose this message. Requeue the batch instead: its applied messages are
            // duplicates for the inbox when they come back, and the queue's delivery limit dead-letters the poison
            // one if the .dlq stays unreachable.
            throw new ImmediateRequeueAmqpException("could not dead-letter a message that cannot be applied", e);
        }
    }
}
