package org.amends.insight.corrective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrectiveActionTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    final CorrectiveAction planned =
            CorrectiveAction.plan(UUID.randomUUID(), "Fix it", "team", LocalDate.parse("2026-12-01"), "ana", T0);

    @Test
    void doneStartsTheWatchAndARecurrenceMakesItIneffectiveOnce() {
        var done = planned.moveTo(ActionStatus.DONE, T0.plusSeconds(60));
        assertThat(done.doneAt()).isEqualTo(T0.plusSeconds(60));

        var recurred = done.recurred(T0.plusSeconds(120)).recurred(T0.plusSeconds(180));

        assertThat(recurred.status()).isEqualTo(ActionStatus.INEFFECTIVE);
        assertThat(recurred.ineffectiveAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(recurred.recurrences()).isEqualTo(2);
    }

    @Test
    void nobodyMarksItIneffectiveByHand() {
        assertThatThrownBy(() -> planned.moveTo(ActionStatus.INEFFECTIVE, T0))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aNewFixRestartsTheWatch() {
        var again = planned.moveTo(ActionStatus.DONE, T0)
                .recurred(T0.plusSeconds(10))
                .moveTo(ActionStatus.DONE, T0.plusSeconds(20));

        assertThat(again.status()).isEqualTo(ActionStatus.DONE);
        assertThat(again.doneAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(again.recurrences()).isZero();
    }
}
