package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    private static final List<Double> LADDER = List.of(10.0, 25.0, 50.0, 100.0);

    /** The rates a search offers against a platform that holds exactly the rates {@code holds} accepts. */
    private static List<Double> offered(RateSearch search, DoublePredicate holds) {
        var rates = new ArrayList<Double>();
        for (var next = search.next(); next.isPresent(); next = search.next()) {
            var rate = next.getAsDouble();
            rates.add(rate);
            search.record(rate, holds.test(rate));
        }
        return rates;
    }

    @Test
    void climbsTheLadderUntilAStepBreaksThenHalvesTheGapAsOftenAsTold() {
        // Holds up to 42/s: broken at 50, then 38 holds, 44 breaks, 41 holds.
        assertThat(offered(new RateSearch(LADDER, 3), rate -> rate <= 42))
                .containsExactly(10.0, 25.0, 50.0, 38.0, 44.0, 41.0);
    }

    @Test
    void withoutRefinementsItStopsAtTheFirstBrokenStep() {
        assertThat(offered(new RateSearch(LADDER, 0), rate -> rate <= 42)).containsExactly(10.0, 25.0, 50.0);
    }

    @Test
    void aPlatformThatHoldsTheWholeLadderIsNotSearchedFurther() {
        assertThat(offered(new RateSearch(LADDER, 3), rate -> true)).containsExactly(10.0, 25.0, 50.0, 100.0);
    }

    @Test
    void aBrokenFirstStepIsSearchedBelowIt() {
        assertThat(offered(new RateSearch(LADDER, 3), rate -> rate <= 6)).containsExactly(10.0, 5.0, 8.0, 7.0);
    }

    @Test
    void itStopsOnceNoWholeRateLiesBetweenTheSustainedAndTheBrokenOne() {
        // 25 holds, 26 breaks: 25.5 rounds onto one of them, so nothing is left to try.
        assertThat(offered(new RateSearch(List.of(25.0, 26.0), 3), rate -> rate <= 25))
                .containsExactly(25.0, 26.0);
    }
}
