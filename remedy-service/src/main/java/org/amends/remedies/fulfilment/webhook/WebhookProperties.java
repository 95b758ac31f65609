package org.amends.remedies.fulfilment.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner webhook delivery ({@code amends.remedies.webhooks.*}).
 *
 * @param productionMode only {@code https} URLs are accepted; switch off for local runs and tests only
 * @param allowLoopback accept loopback addresses (a test receiver on 127.0.0.1); never in production
 * @param timeout how long one delivery attempt may take, connect and response together
 * @param initialBackoff pause after the first failed attempt; doubles per attempt, with jitter
 * @param maxBackoff the longest pause between attempts
 * @param retryFor how long a delivery is retried before the remedy fails
 * @param pollInterval pause between looks for due deliveries
 * @param batchSize deliveries claimed per look
 */
@ConfigurationProperties("amends.remedies.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean productionMode,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20") int batchSize) {}
