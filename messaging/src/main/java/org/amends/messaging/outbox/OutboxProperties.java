package org.amends.messaging.outbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay runs ({@code amends.outbox.*}).
 *
 * @param source the CloudEvents {@code source}; defaults to {@code /<spring.application.name>}
 * @param relayInterval pause after a relay run that found less than a full run's worth to publish
 * @param batchSize rows claimed at a time
 * @param batchesPerConfirm batches a transaction claims, sends and marks before it waits for the broker's confirms of
 *     all of them: the broker confirms one while the next is claimed (a rollback sends them all again)
 * @param confirmTimeout how long to wait for the broker's publisher confirms
 * @param initialBackoff first pause after a failed round; doubles per failure
 * @param maxBackoff the longest pause after failures
 * @param retention how long published rows are kept (for replay and audit) before they are purged
 * @param purgeInterval pause between purges
 * @param purgeBatchSize rows a purge deletes per statement (each its own transaction)
 * @param maxBulkHold the longest the relay holds bulk rows back while {@link BulkPacing} asks it to, before one run
 *     takes every row in order (not for a hold the pacing says ends by itself, {@link BulkPacing#holdUntilReleased()})
 */
@ConfigurationProperties("amends.outbox")
public record OutboxProperties(
        @Nullable String source,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("4") int batchesPerConfirm,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("10000") int purgeBatchSize,
        @DefaultValue("10s") Duration maxBulkHold) {

    public OutboxProperties {
        if (batchSize < 1 || batchesPerConfirm < 1) {
            throw new IllegalArgumentException(
                    "amends.outbox.batch-size and batches-per-confirm must be at least 1, were %d and %d"
                            .formatted(batchSize, batchesPerConfirm));
        }
    }
}
