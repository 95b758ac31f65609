package org.amends.benchmark;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The offered rates one series is stepped through: up the ladder until a step breaks, then halving the gap between the
 * highest sustained rate and the lowest broken one, a given number of times. The ladder alone is coarse where it
 * matters (25 then 50/s): a series sustained at 25 and broken at 50 could hold anything between, and a ratio of two
 * series (the gateway against direct) read off the ladder moved by a whole rung.
 */
final class RateSearch {

    private final List<Double> ladder;
    private int refinementsLeft;
    private int rung;
    private double sustained;
    private double broken = Double.NaN;

    /**
     * @param ladder the rates to climb, lowest first
     * @param refinements how many steps halve the gap once a step broke
     */
    RateSearch(List<Double> ladder, int refinements) {
        this.ladder = List.copyOf(ladder);
        this.refinementsLeft = refinements;
    }

    /** The next rate to offer, in whole requests per second; empty when the search is done. */
    OptionalDouble next() {
        if (Double.isNaN(broken)) {
            return rung < ladder.size() ? OptionalDouble.of(ladder.get(rung)) : OptionalDouble.empty();
        }
        var between = Math.round((sustained + broken) / 2);
        if (refinementsLeft == 0 || between <= sustained || between >= broken) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(between);
    }

    /** What the step at {@code rate} (the last one {@link #next()} gave) showed. */
    void record(double rate, boolean held) {
        if (Double.isNaN(broken)) {
            rung++;
        } else {
            refinementsLeft--;
        }
        if (held) {
            sustained = Math.max(sustained, rate);
        } else {
            broken = Double.isNaN(broken) ? rate : Math.min(broken, rate);
        }
    }
}
