package org.amends.messaging.outbox;

import java.time.Clock;
import org.amends.contracts.Exchanges;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a service with a database and RabbitMQ (unless {@code amends.outbox.enabled=false}) its {@link Outbox}, the
 * {@link OutboxRelay} on its own thread ({@link OutboxRelayLoop}; holding bulk rows as the service's {@link BulkPacing}
 * bean says, if it has one), the hourly purge of published rows, the outbox metrics, and the {@code amends.events}
 * exchange declaration.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@ConditionalOnBean({JdbcClient.class, RabbitTemplate.class})
// A service that publishes nothing (and so has no outbox table) turns it off with amends.outbox.enabled=false.
@ConditionalOnProperty(prefix = "amends.outbox", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxAutoConfiguration {

    /** Every service declares it idempotently; the same arguments everywhere, or RabbitMQ refuses the second. */
    @Bean
    static TopicExchange eventsExchange() {
        return ExchangeBuilder.topicExchange(Exchanges.EVENTS).durable(true).build();
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcClient jdbc, ObjectProvider<JsonMapper> json, OutboxProperties properties, Environment env) {
        var source = properties.source() != null
                ? properties.source()
                : "/" + env.getRequiredProperty("spring.application.name");
        return new Outbox(jdbc, json.getIfAvailable(() -> JsonMapper.builder().build()), source);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            RabbitTemplate rabbit,
            TransactionTemplate transaction,
            OutboxProperties properties,
            ObjectProvider<BulkPacing> pacing,
            ObjectProvider<Clock> clock) {
        return new OutboxRelay(
                jdbc,
                rabbit,
                transaction,
                properties,
                pacing.getIfAvailable(() -> BulkPacing.NEVER),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OutboxRelayLoop outboxRelayLoop(OutboxRelay relay, OutboxProperties properties) {
        return new OutboxRelayLoop(relay, properties);
    }

    @Bean
    OutboxMetrics outboxMetrics(JdbcClient jdbc, OutboxRelay relay) {
        return new OutboxMetrics(jdbc, relay);
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule implements SchedulingConfigurer {

        private final OutboxRelay relay;
        private final OutboxProperties properties;

        Schedule(OutboxRelay relay, OutboxProperties properties) {
            this.relay = relay;
            this.properties = properties;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar tasks) {
            tasks.addFixedDelayTask(relay::purge, properties.purgeInterval());
        }
    }
}
