package org.amends.cases.outbox;

import org.amends.contracts.Exchanges;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Declares the events exchange and schedules the relay and the purge at their configured pace. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration implements SchedulingConfigurer {

    private final OutboxRelay relay;
    private final OutboxProperties properties;

    OutboxConfiguration(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    /** Every service declares it idempotently; the same arguments everywhere, or RabbitMQ refuses the second. */
    @Bean
    static TopicExchange eventsExchange() {
        return ExchangeBuilder.topicExchange(Exchanges.EVENTS).durable(true).build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(relay::relay, properties.relayInterval());
        tasks.addFixedDelayTask(relay::purge, properties.purgeInterval());
    }
}
