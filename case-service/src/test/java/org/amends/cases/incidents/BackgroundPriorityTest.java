package org.amends.cases.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.amends.testkit.NiceValues;
import org.junit.jupiter.api.Test;

/** The import thread's nice value: raised for that thread alone, as the kernel reports it. */
class BackgroundPriorityTest {

    private static final boolean LINUX =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    record Seen(boolean lowered, Optional<Integer> nice) {}

    @Test
    void raisesTheCallingThreadsNiceValueAndNoOtherThreads() throws Exception {
        var before = NiceValues.ofCurrentThread();
        var seen = CompletableFuture.supplyAsync(
                        () -> new Seen(BackgroundPriority.lowerCurrentThread(11), NiceValues.ofCurrentThread()),
                        runnable -> Thread.ofPlatform().start(runnable))
                .get();
        if (LINUX) {
            assertThat(seen.lowered()).isTrue();
            assertThat(seen.nice()).contains(11);
            assertThat(NiceValues.ofCurrentThread())
                    .as("the test's own thread keeps its nice value")
                    .isEqualTo(before)
                    .isNotEqualTo(Optional.of(11));
        } else {
            assertThat(seen.lowered()).isFalse();
        }
    }

    @Test
    void onlyNiceValuesANormalProcessMayTakeAreAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> BackgroundPriority.lowerCurrentThread(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> BackgroundPriority.lowerCurrentThread(20));
    }
}
