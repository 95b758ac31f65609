package org.amends.insight.spikes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spike detection ({@code amends.insight.spikes.*}); the formula is in the README.
 *
 * @param window the sliding window cases are counted over (in slots of a sixtieth, see {@link Slots}), and the width
 *     of the baseline's buckets
 * @param alpha EWMA smoothing factor, 0 to 1: the weight of the newest window in the baseline
 * @param deviations k: how many baseline standard deviations above the mean a window must stand
 * @param minCases a window never spikes below this many cases, however quiet the baseline
 * @param maxFoldedWindows after a long quiet gap at most this many empty windows are folded into the baseline
 * @param evaluateEvery how often open episodes are re-checked without new cases, so an episode can end
 */
@ConfigurationProperties("amends.insight.spikes")
public record SpikeProperties(
        @DefaultValue("5m") Duration window,
        @DefaultValue("0.3") double alpha,
        @DefaultValue("3.0") double deviations,
        @DefaultValue("5") int minCases,
        @DefaultValue("288") int maxFoldedWindows,
        @DefaultValue("1m") Duration evaluateEvery) {}
