package org.amends.insight.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReputationScoreTest {

    @Test
    void aLoudAngrySocialComplaintLeftForHoursScoresHigh() {
        var score = ReputationScore.of("SOCIAL", 120_000L, -0.85, Duration.ofHours(4));

        assertThat(score.components())
                .extracting(c -> c.name() + "=" + c.points())
                .containsExactly("channel=25", "audience=30", "sentiment=21", "unresolved=8");
        assertThat(score.score()).isEqualTo(84);
        assertThat(score.components().get(1).reason()).isEqualTo("audience of 120000");
    }

    @Test
    void aPrivateCalmCaseScoresLowAndTheScoreNeverPasses100() {
        assertThat(ReputationScore.of("EMAIL", null, 0.3, Duration.ZERO).score())
                .isZero();
        assertThat(ReputationScore.of("SOCIAL", 10_000_000_000L, -1.0, Duration.ofDays(30))
                        .score())
                .isEqualTo(100);
    }
}
