package org.amends.messaging.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.Collectors;
import org.amends.contracts.Subscriptions;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives a consuming service its {@link ProcessedEvents} inbox, the {@link DeadLetters} recoverer that Spring Boot's
 * listener retry uses once the attempts are spent, and {@link RetiredBindings} for the queues it declares.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAnnotationDrivenConfiguration",
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration"
        })
public class InboxAutoConfiguration {

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
        return new ProcessedEvents(jdbc, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The retired bindings of the subscriptions whose queues this service declares ({@link SubscriptionQueues}). */
    @Bean
    @ConditionalOnBean(AmqpAdmin.class)
    @ConditionalOnMissingBean
    RetiredBindings retiredBindings(AmqpAdmin admin, ObjectProvider<Declarables> declarables) {
        var queues = declarables
                .orderedStream()
                .flatMap(d -> d.getDeclarablesByType(Queue.class).stream())
                .map(Queue::getName)
                .collect(Collectors.toSet());
        return new RetiredBindings(
                admin,
                Subscriptions.all().stream()
                        .filter(s -> queues.contains(s.queue()))
                        .toList());
    }

    @Bean
    @ConditionalOnBean(RabbitTemplate.class)
    @ConditionalOnMissingBean(MessageRecoverer.class)
    DeadLetters deadLetters(RabbitTemplate rabbit) {
        return new DeadLetters(rabbit);
    }
}
