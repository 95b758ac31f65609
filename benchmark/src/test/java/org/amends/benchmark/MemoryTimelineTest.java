package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTimelineTest {

    private static final Map<String, Double> BEFORE = ordered("case-service", 230.0, "insight-service", 220.0);

    @Test
    void heapAfterEachFullCollectionIsComparedWithTheFirstCheckpointOfTheJob() {
        var md = MemoryTimeline.markdown(
                BEFORE,
                Map.of("case-service", 727.0, "insight-service", 303.0),
                List.of(
                        checkpoint("before the import", 0, 60, 50),
                        checkpoint("25 % of the job", 250_000, 100, 80),
                        checkpoint("50 % of the job", 500_000, 102, 79.9), // -0.1 %: "+0 %", not "-0 %"
                        checkpoint("job COMPLETED", 1_000_000, 150, 40)),
                List.of(),
                1_000_000);
        assertThat(md)
                .contains("| case-service | 230 | 727 |")
                .contains("| insight-service | 220 | 303 |")
                .contains("| before the import | 60, RSS 600 | 50, RSS 500 |")
                .contains("| 25 % of the job | 100, RSS 600 | 80, RSS 500 |")
                .contains("| 50 % of the job | 102 (+2 %), RSS 600 | 80 (+0 %), RSS 500 |")
                .contains("| job COMPLETED | 150 (+50 %), RSS 600 | 40 (-50 %), RSS 500 |");
    }

    @Test
    void theTimelineShowsTheFirstSampleAtOrPastEachTenthOfTheJobOnce() {
        var samples = List.of(
                sample(0, 300),
                sample(40, 310), // short of a tenth
                sample(150, 320), // past the first tenth
                sample(190, 330), // still short of the second
                sample(450, 340), // past the second, third and fourth: one row
                sample(1000, 350),
                sample(1000, 360)); // the job is done: no second row
        var md = MemoryTimeline.markdown(BEFORE, Map.of(), List.of(), samples, 1000);
        assertThat(md)
                .contains("| 15 % | 320 | 320 |")
                .contains("| 45 % | 340 | 340 |")
                .contains("| 100 % | 350 | 350 |")
                .doesNotContain("| 4 % |")
                .doesNotContain("| 19 % |")
                .doesNotContain("| 360 |")
                .doesNotContain("Heap after a full collection");
    }

    @Test
    void theLiveHeapIsTheClassHistogramsTotal() {
        var histogram = """
                15769:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        118138       11889976  [B (java.base@25.0.3)
                   2:        104012        2496288  java.lang.String (java.base@25.0.3)
                Total        684992       44229504
                """;
        assertThat(MemoryTimeline.histogramTotal(histogram)).isEqualTo(44_229_504L);
        assertThatThrownBy(() -> MemoryTimeline.histogramTotal("15769:\nAttachNotSupportedException"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Total line");
    }

    private static MemoryTimeline.Checkpoint checkpoint(
            String at, long processed, double caseHeap, double insightHeap) {
        return new MemoryTimeline.Checkpoint(
                at,
                processed / 1000.0,
                processed,
                ordered("case-service", caseHeap, "insight-service", insightHeap),
                ordered("case-service", 600.0, "insight-service", 500.0),
                ordered("case-service", 90.0, "insight-service", 40.0));
    }

    private static MemoryTimeline.Sample sample(long processed, double rss) {
        return new MemoryTimeline.Sample(
                processed / 10.0, processed, ordered("case-service", rss, "insight-service", rss));
    }

    private static Map<String, Double> ordered(String first, double a, String second, double b) {
        var map = new LinkedHashMap<String, Double>();
        map.put(first, a);
        map.put(second, b);
        return map;
    }
}
