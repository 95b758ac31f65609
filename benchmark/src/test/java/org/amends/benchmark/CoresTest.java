package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoresTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPhasesCoresAreTheCpuTimeEachPartUsedOverItsLength() {
        var from = new Cores.Reading(
                0, Map.of("postgres", 1_000.0, "gateway", 500.0), 10_000, Map.of("gateway", 100.0), 2_000);
        var to = new Cores.Reading(
                4 * SECOND, Map.of("postgres", 4_000.0, "gateway", 1_300.0), 16_000, Map.of("gateway", 2_100.0), 5_000);

        var phase = Cores.Phase.between("while the job ran", from, to);

        assertThat(phase.seconds()).isEqualTo(4.0);
        assertThat(phase.byPart().get("postgres")).isCloseTo(0.75, within(1e-9)); // 3,000 ms in 4 s
        assertThat(phase.byPart().get("gateway")).isCloseTo(0.2, within(1e-9)); // 800 ms in 4 s
        assertThat(phase.machine()).isCloseTo(1.5, within(1e-9)); // 6,000 ms in 4 s
        assertThat(phase.waitingByPart().get("gateway")).isCloseTo(0.5, within(1e-9)); // 2,000 ms waited in 4 s
        assertThat(phase.pressure()).isCloseTo(0.75, within(1e-9)); // something waited 3,000 ms of the 4 s
    }

    @Test
    void theTableSetsThePhasesSideBySideWithTheRestOfTheMachine() {
        var job = new Cores.Phase(
                "while the job ran",
                20,
                Map.of("postgres", 1.0, "case-service", 0.25),
                1.5,
                Map.of("postgres", 0.4, "case-service", 0.125),
                0.6);
        var after = new Cores.Phase(
                "after it", 10, Map.of("postgres", 0.5, "case-service", 0.75), 1.75, Map.of("postgres", 1.5), 0.9);

        assertThat(Cores.markdown(List.of(job, after), 2))
                .contains("Mean cores each part kept busy, of the machine's 2:")
                .contains("| part | while the job ran (20.0 s) | after it (10.0 s) |")
                .contains("| postgres | 1.00 | 0.50 |")
                .contains("| case-service | 0.25 | 0.75 |")
                .contains("| rest of the machine | 0.25 | 0.50 |")
                .contains("| **machine** | **1.50** | **1.75** |")
                .contains("Mean threads of each part waiting for a core")
                .contains("| part | while the job ran | after it |")
                .contains("| postgres | 0.40 | 1.50 |")
                .contains("| case-service | 0.13 | 0.00 |")
                .contains("| **any thread waited** | **60 %** | **90 %** |");
    }
}
