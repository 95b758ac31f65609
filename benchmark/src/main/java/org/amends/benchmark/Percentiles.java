package org.amends.benchmark;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ⌈p·n/100⌉, so it is always one of the measured values and p100 is the maximum.
 *
 * @param count how many values
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max the largest value
 * @param mean the arithmetic mean
 */
public record Percentiles(long count, double p50, double p95, double p99, double max, double mean) {

    static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

    /** The percentiles of these values (in any order; the array is not changed). */
    public static Percentiles of(double[] values) {
        if (values.length == 0) {
            return NONE;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        var sum = 0.0;
        for (var value : sorted) {
            sum += value;
        }
        return new Percentiles(
                sorted.length,
                rank(sorted, 50),
                rank(sorted, 95),
                rank(sorted, 99),
                sorted[sorted.length - 1],
                sum / sorted.length);
    }

    static double rank(double[] sorted, double percentile) {
        var rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
