package org.amends.messaging.inbox;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a consuming service with a database its {@link EventBatches} and the listener container factory its batched
 * listeners name: Spring Boot's {@code spring.rabbitmq.listener.simple.*} settings (acknowledgement, prefetch,
 * requeue), plus consumer-side batching as {@link InboxProperties} says. The container's retry advice is left off:
 * {@link EventBatches} retries each message alone with the same {@code retry} settings once a batch has failed.
 */
@AutoConfiguration(
        after = InboxAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.amqp.autoconfigure.RabbitAnnotationDrivenConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration"
        })
@ConditionalOnBean({
    TransactionTemplate.class,
    JdbcClient.class,
    MessageRecoverer.class,
    SimpleRabbitListenerContainerFactoryConfigurer.class
})
@EnableConfigurationProperties(InboxProperties.class)
public class EventBatchesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventBatches eventBatches(
            TransactionTemplate transaction,
            JdbcClient jdbc,
            MessageRecoverer deadLetters,
            RabbitProperties rabbit,
            InboxProperties properties) {
        return new EventBatches(
                transaction,
                properties.cachedPlans() ? jdbc : null,
                new RetryTemplate(listenerRetry(rabbit)),
                deadLetters);
    }

    @Bean(EventBatches.LISTENER_CONTAINER_FACTORY)
    @ConditionalOnMissingBean(name = EventBatches.LISTENER_CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory eventBatchListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connections,
            RabbitProperties rabbit,
            InboxProperties properties) {
        var factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connections);
        // A retry around the listener would run the whole batch again; EventBatches retries message by message.
        factory.setAdviceChain();
        factory.setConsumerBatchEnabled(true);
        factory.setBatchListener(true);
        factory.setBatchSize(properties.batchSize());
        factory.setPrefetchCount(prefetch(rabbit, properties));
        factory.setReceiveTimeout(properties.receiveTimeout().toMillis());
        factory.setBatchReceiveTimeout(properties.batchTimeLimit().toMillis());
        return factory;
    }

    /**
     * The configured prefetch ({@code spring.rabbitmq.listener.simple.prefetch}), raised to two batches: the broker
     * delivers the next batch while one is applied. At one batch (the container raises a lower prefetch to that),
     * each batch waited for the acknowledgement of the last before the broker sent it anything.
     */
    static int prefetch(RabbitProperties rabbit, InboxProperties properties) {
        var configured = rabbit.getListener().getSimple().getPrefetch();
        return Math.max(configured == null ? 0 : configured, 2 * properties.batchSize());
    }

    /** The retry Spring Boot's listener advice would apply, from the same settings (a single attempt when off). */
    static RetryPolicy listenerRetry(RabbitProperties rabbit) {
        var retry = rabbit.getListener().getSimple().getRetry();
        if (!retry.isEnabled()) {
            return RetryPolicy.withMaxRetries(0);
        }
        return RetryPolicy.builder()
                .maxRetries(retry.getMaxRetries())
                .delay(retry.getInitialInterval())
                .multiplier(retry.getMultiplier())
                .maxDelay(retry.getMaxInterval())
                .build();
    }
}
