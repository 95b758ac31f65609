package org.amends.gateway.resilience;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configures the Resilience4j breakers behind the {@code CircuitBreaker} default filter, and the bulkhead Spring Cloud
 * CircuitBreaker puts in front of each of them, from one properties record.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(CircuitBreakerProperties properties) {
        var breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
                .build();
        var timeLimiter = TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeLimit())
                .build();
        return factory -> {
            factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                    .circuitBreakerConfig(breaker)
                    .timeLimiterConfig(timeLimiter)
                    .build());
            properties
                    .timeLimits()
                    .forEach((id, limit) -> factory.configure(
                            builder -> builder.circuitBreakerConfig(breaker)
                                    .timeLimiterConfig(TimeLimiterConfig.custom()
                                            .timeoutDuration(limit)
                                            .build()),
                            id));
        };
    }

    /**
     * Each route's semaphore bulkhead: a call that finds it full is refused at once (no waiting), which
     * {@code GatewayErrors} answers 503 with {@code Retry-After}.
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(CircuitBreakerProperties properties) {
        var bulkhead = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(bulkhead)
                .build());
    }
}
