package org.amends.messaging.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives a consuming service its {@link ProcessedEvents} inbox and the {@link DeadLetters} recoverer that Spring
 * Boot's listener retry uses once the attempts are spent.
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

    @Bean
    @ConditionalOnBean(RabbitTemplate.class)
    @ConditionalOnMissingBean(MessageRecoverer.class)
    DeadLetters deadLetters(RabbitTemplate rabbit) {
        return new DeadLetters(rabbit);
    }
}
