package org.amends.messaging.inbox;

import java.util.ArrayList;
import java.util.List;
import org.amends.contracts.EventType;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Declares a consumer's queue as its {@link Subscription} in the catalogue says (ADR 4): a quorum queue with a
 * delivery limit and at-least-once dead-lettering into its {@code .dlq}, bound to exactly the versioned routing keys
 * it understands, so a new major version published beside the old one does not reach it until it moves over.
 */
public final class SubscriptionQueues {

    /** Redeliveries of one message before the broker dead-letters it, so a poison message cannot loop forever. */
    public static final int DELIVERY_LIMIT = 5;

    private SubscriptionQueues() {}

    public static Declarables declarables(Subscription subscription) {
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        var queue = QueueBuilder.durable(subscription.queue())
                .quorum()
                .deliveryLimit(DELIVERY_LIMIT)
                .deadLetterExchange("")
                .deadLetterRoutingKey(subscription.deadLetterQueue())
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
        var deadLetters =
                QueueBuilder.durable(subscription.deadLetterQueue()).quorum().build();
        var declarables = new ArrayList<Declarable>(List.of(exchange, queue, deadLetters));
        subscription.types().forEach(type -> declarables.add(binding(subscription, type)));
        return new Declarables(declarables);
    }

    /** The binding of one type's routing key on {@code amends.events} to the subscription's queue. */
    public static Binding binding(Subscription subscription, EventType<?> type) {
        return new Binding(
                subscription.queue(), Binding.DestinationType.QUEUE, Exchanges.EVENTS, type.routingKey(), null);
    }
}
