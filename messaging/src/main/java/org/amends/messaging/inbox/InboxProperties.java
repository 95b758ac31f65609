package org.amends.messaging.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How batched consumers take their messages ({@code amends.inbox.*}); see {@link EventBatches}.
 *
 * @param batchSize the most messages applied in one transaction (the consumer's prefetch is raised to
 *     twice it if lower, so the next batch is delivered while one is applied)
 * @param receiveTimeout how long a partial batch waits for one more message before it is applied: the delay a lone
 *     event waits, and the idle consumer's polling period
 * @param batchTimeLimit how long a batch may keep filling while messages trickle in, so a slow stream is not held
 *     back for {@code batchSize} messages
 * @param cachedPlans whether each batch lets PostgreSQL keep its plans until it commits ({@link
 *     org.amends.messaging.CachedPlans}, ADR 12); off, every statement is planned afresh, as outside consumers: the
 *     switch to turn if a kept plan ever goes bad in production, without a release
 */
@ConfigurationProperties("amends.inbox")
public record InboxProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("20ms") Duration receiveTimeout,
        @DefaultValue("200ms") Duration batchTimeLimit,
        @DefaultValue("true") boolean cachedPlans) {}
