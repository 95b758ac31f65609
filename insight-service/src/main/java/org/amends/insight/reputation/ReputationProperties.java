package org.amends.insight.reputation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reputation risk ({@code amends.insight.reputation.*}).
 *
 * @param threshold a score at or above it raises the alert
 * @param evaluateEvery how often open cases are re-scored, as their time unresolved grows
 * @param batchSize open cases re-scored per run at most
 */
@ConfigurationProperties("amends.insight.reputation")
public record ReputationProperties(
        @DefaultValue("60") int threshold,
        @DefaultValue("1m") Duration evaluateEvery,
        @DefaultValue("1000") int batchSize) {}
