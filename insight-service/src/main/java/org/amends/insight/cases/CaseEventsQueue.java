package org.amends.insight.cases;

import java.util.List;
import org.amends.contracts.Exchanges;
import org.amends.contracts.cases.CaseEvents;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares this service's case-events queue, its dead-letter queue and its bindings. The queue binds the exact
 * versioned routing keys it understands, so a new major version published beside the old one does not reach it
 * until this service moves over.
 */
@Configuration(proxyBeanMethods = false)
class CaseEventsQueue {

    static final String NAME = "insight-service.case-events";
    static final String DEAD_LETTERS = NAME + ".dlq";

    @Bean
    Declarables caseEventsDeclarables() {
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        var queue = QueueBuilder.durable(NAME)
                .quorum()
                .deadLetterExchange("")
                .deadLetterRoutingKey(DEAD_LETTERS)
                .build();
        var deadLetters = QueueBuilder.durable(DEAD_LETTERS).quorum().build();
        List<Binding> bindings = CaseEvents.ALL.stream()
                .map(type -> BindingBuilder.bind(queue).to(exchange).with(type.routingKey()))
                .toList();
        var declarables = new java.util.ArrayList<Object>(List.of(exchange, queue, deadLetters));
        declarables.addAll(bindings);
        return new Declarables(declarables.toArray(org.springframework.amqp.core.Declarable[]::new));
    }
}
