package org.amends.remedies.incidents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bulk remedy worker ({@code amends.remedies.bulk.*}).
 *
 * @param pollInterval how long the worker rests when no approved rule has a case left to serve
 * @param batchSize cases served per transaction
 */
@ConfigurationProperties("amends.remedies.bulk")
record BulkRemedyProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("250") int batchSize) {}
