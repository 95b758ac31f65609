package org.amends.insight.spikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void aQuietSignatureSpikesAtTheMinimumNumberOfCases() {
        assertThat(Baseline.EMPTY.threshold(3, 5)).isEqualTo(5.0);
    }

    @Test
    void steadyTrafficConvergesOnItsRateWithLittleDeviation() {
        var baseline = Baseline.EMPTY;
        for (int i = 0; i < 50; i++) {
            baseline = baseline.fold(10, 0.3);
        }
        assertThat(baseline.mean()).isCloseTo(10.0, within(0.01));
        assertThat(baseline.deviation()).isLessThan(0.1);
        assertThat(baseline.threshold(3, 5)).isCloseTo(10.0, within(0.5));
        assertThat(baseline.backToNormal(10)).isTrue();
        assertThat(baseline.backToNormal(20)).isFalse();
    }

    @Test
    void foldingFollowsTheEwmaFormula() {
        var once = Baseline.EMPTY.fold(4, 0.5);

        assertThat(once.mean()).isEqualTo(2.0);
        assertThat(once.variance()).isEqualTo(0.5 * (0 + 4 * 2));
        assertThat(once.deviationsAbove(6)).isCloseTo((6 - 2.0) / 2.0, within(1e-9));
    }
}
