package org.amends.insight.spikes;

/**
 * A signature's baseline of cases per window: exponentially weighted moving mean and variance. Plain math.
 *
 * @param mean EWMA of cases per window
 * @param variance EWMA variance of cases per window
 */
public record Baseline(double mean, double variance) {

    public static final Baseline EMPTY = new Baseline(0, 0);

    /** Folds one finished window's count in: {@code d = x − mean; mean += α·d; var = (1 − α)·(var + α·d²)}. */
    public Baseline fold(long count, double alpha) {
        var difference = count - mean;
        var increment = alpha * difference;
        return new Baseline(mean + increment, (1 - alpha) * (variance + difference * increment));
    }

    public double deviation() {
        return Math.sqrt(Math.max(0, variance));
    }

    /** A window spikes at {@code max(minCases, mean + k·sd)} cases. */
    public double threshold(double k, int minCases) {
        return Math.max(minCases, mean + k * deviation());
    }

    /** An episode ends when its window falls back to {@code mean + sd} cases or fewer. */
    public boolean backToNormal(long count) {
        return count <= mean + deviation();
    }

    /** How many deviations the count stands above the mean (a deviation of at least 1 case, so a flat baseline reads sensibly). */
    public double deviationsAbove(long count) {
        return (count - mean) / Math.max(1.0, deviation());
    }
}
