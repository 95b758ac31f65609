package org.amends.remedies.cases;

import java.util.List;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares this service's case-events queue, its dead-letter queue and its bindings, as its {@link Subscription} in
 * the catalogue says. The queue binds the exact versioned routing keys it understands, so a new major version published beside the old one does not reach it
 * until this service moves over.
 */
@Configuration(proxyBeanMethods = false)
class CaseEventsQueue {

    static final Subscription SUBSCRIPTION = Subscriptions.REMEDY_CASE_EVENTS;
    static final String NAME = "remedy-service.case-events";
    static final String DEAD_LETTERS = NAME + ".dlq";

    @Bean
    Declarables caseEventsDeclarables() {
        // @RabbitListener needs the queue name as a constant; it must be the one the catalogue documents.
        org.springframework.util.Assert.state(
                NAME.equals(SUBSCRIPTION.queue()), "queue name differs from the catalogue");
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        var queue = QueueBuilder.durable(NAME)
                .quorum()
                // A poison message the listener keeps failing on is dead-lettered, never redelivered forever.
                .deliveryLimit(5)
                .deadLetterExchange("")
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .deadLetterRoutingKey(DEAD_LETTERS)
                .build();
        var deadLetters = QueueBuilder.durable(DEAD_LETTERS).quorum().build();
        List<Binding> bindings = SUBSCRIPTION.types().stream()
                .map(type -> BindingBuilder.bind(queue).to(exchange).with(type.routingKey()))
                .toList();
        var declarables = new java.util.ArrayList<Object>(List.of(exchange, queue, deadLetters));
        declarables.addAll(bindings);
        return new Declarables(declarables.toArray(org.springframework.amqp.core.Declarable[]::new));
    }
}
