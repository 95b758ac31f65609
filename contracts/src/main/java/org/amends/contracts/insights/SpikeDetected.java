package org.amends.contracts.insights;

import java.time.Instant;
import java.util.UUID;

/**
 * The intake rate of one signature rose far above its own baseline. Published once per episode: the episode ends when
 * the rate falls back, and only a later rise opens a new one.
 *
 * @param episodeId the spike episode; the subject of the event
 * @param signature {@code product/errorKind}
 * @param windowSeconds the sliding window the rate was measured over
 * @param casesInWindow cases of this signature opened in the window
 * @param baselinePerWindow the signature's own baseline (EWMA) of cases per window
 * @param deviation how many baseline deviations the window stands above the baseline
 */
public record SpikeDetected(
        UUID episodeId,
        String signature,
        String product,
        String errorKind,
        long windowSeconds,
        long casesInWindow,
        double baselinePerWindow,
        double deviation,
        Instant startedAt,
        Instant detectedAt) {}
