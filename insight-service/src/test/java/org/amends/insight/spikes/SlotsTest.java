package org.amends.insight.spikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotsTest {

    final Slots fiveMinutes = Slots.of(Duration.ofMinutes(5));

    @Test
    void aWindowOfWholeMinutesIsSixtySlotsOfASixtiethEach() {
        assertThat(fiveMinutes.slotSeconds()).isEqualTo(5);
        assertThat(fiveMinutes.perWindow()).isEqualTo(60);
        assertThat(Slots.of(Duration.ofHours(1)).slotSeconds()).isEqualTo(60);
    }

    @Test
    void anyOtherWindowHasSlotsOfOneSecondSoBucketsStillStartOnASlot() {
        var odd = Slots.of(Duration.ofSeconds(90));

        assertThat(odd.slotSeconds()).isEqualTo(1);
        assertThat(odd.perWindow()).isEqualTo(90);
        assertThat(odd.start(odd.firstOf(7))).isEqualTo(Instant.ofEpochSecond(7 * 90));
        assertThatThrownBy(() -> Slots.of(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowStartsInTheSlotHoldingItsLowerEdgeAndEndsInTheSlotHoldingItsTime() {
        var at = Instant.parse("2030-01-01T12:00:03.250Z");
        var slot = fiveMinutes.slotOf(at);

        assertThat(fiveMinutes.start(slot)).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
        assertThat(fiveMinutes.windowStart(slot)).isEqualTo(fiveMinutes.slotOf(at.minus(Duration.ofMinutes(5))));
        assertThat(fiveMinutes.start(fiveMinutes.windowStart(slot))).isEqualTo(Instant.parse("2030-01-01T11:55:00Z"));
        assertThat(fiveMinutes.slotOf(Instant.parse("2030-01-01T11:59:59.999Z")))
                .isEqualTo(slot - 1);
    }

    @Test
    void aBucketIsTheSixtySlotsFromItsStart() {
        var at = Instant.parse("2030-01-01T12:04:59Z");
        var bucket = fiveMinutes.bucketOf(at);

        assertThat(fiveMinutes.start(fiveMinutes.firstOf(bucket))).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
        assertThat(fiveMinutes.slotOf(at)).isEqualTo(fiveMinutes.firstOf(bucket + 1) - 1);
    }
}
