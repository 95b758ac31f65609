package org.amends.cases.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the bulk import should wait: the slowest tenth of recent live intakes against a threshold. */
class IntakePressureTest {

    private static final Duration THRESHOLD = Duration.ofMillis(50);
    private static final Duration RECENT = Duration.ofSeconds(2);

    private static long ago(long millis) {
        return System.nanoTime() - Duration.ofMillis(millis).toNanos();
    }

    @Test
    void noTrafficIsNoStrain() {
        assertThat(new IntakePressure().strained(THRESHOLD, RECENT, 5)).isFalse();
    }

    @Test
    void fastIntakeIsNoStrainButASlowTenthIs() {
        var pressure = new IntakePressure();
        for (var i = 0; i < 20; i++) {
            pressure.record(ago(10));
        }
        assertThat(pressure.strained(THRESHOLD, RECENT, 5)).isFalse();

        // One slow request in 21 is below the slowest tenth; three in 23 are in it.
        pressure.record(ago(300));
        assertThat(pressure.strained(THRESHOLD, RECENT, 5)).isFalse();
        pressure.record(ago(300));
        pressure.record(ago(300));
        assertThat(pressure.strained(THRESHOLD, RECENT, 5)).isTrue();
    }

    @Test
    void tooFewSamplesSayNothing() {
        var pressure = new IntakePressure();
        for (var i = 0; i < 4; i++) {
            pressure.record(ago(500));
        }
        assertThat(pressure.strained(THRESHOLD, RECENT, 5)).isFalse();
        pressure.record(ago(500));
        assertThat(pressure.strained(THRESHOLD, RECENT, 5)).isTrue();
    }

    @Test
    void slowIntakesOlderThanTheWindowNoLongerCount() throws InterruptedException {
        var pressure = new IntakePressure();
        for (var i = 0; i < 10; i++) {
            pressure.record(ago(500));
        }
        assertThat(pressure.strained(THRESHOLD, Duration.ofMillis(200), 5)).isTrue();

        Thread.sleep(300);

        assertThat(pressure.strained(THRESHOLD, Duration.ofMillis(200), 5)).isFalse();
    }
}
