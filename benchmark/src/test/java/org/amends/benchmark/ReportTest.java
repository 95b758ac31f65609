package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Nested
    class NearestRankPercentiles {

        @Test
        void percentilesOfOneToHundredAreTheirRanks() {
            var values = new double[100];
            for (var i = 0; i < 100; i++) {
                values[i] = 100 - i; // unsorted on purpose
            }
            var p = Percentiles.of(values);
            assertThat(p.count()).isEqualTo(100);
            assertThat(p.p50()).isEqualTo(50);
            assertThat(p.p95()).isEqualTo(95);
            assertThat(p.p99()).isEqualTo(99);
            assertThat(p.max()).isEqualTo(100);
            assertThat(p.mean()).isEqualTo(50.5);
        }

        @Test
        void aFewValuesRoundTheRankUp() {
            var p = Percentiles.of(new double[] {7, 3, 1});
            assertThat(p.p50()).isEqualTo(3); // rank ⌈1.5⌉ = 2
            assertThat(p.p95()).isEqualTo(7);
            assertThat(p.p99()).isEqualTo(7);
        }

        @Test
        void noValuesAreAllZero() {
            assertThat(Percentiles.of(new double[0])).isEqualTo(Percentiles.NONE);
        }

        @Test
        void latenciesCountErrorsPerRequestAndTogether() {
            var latencies = new Latencies();
            latencies.ok("intake (partner)", 10);
            latencies.ok("intake (partner)", 20);
            latencies.error("read case", 5, "503");
            var stats = latencies.stats();
            assertThat(stats.get("intake (partner)").latency().p99()).isEqualTo(20);
            assertThat(stats.get("read case").errors()).isEqualTo(1);
            assertThat(stats.get("all").latency().count()).isEqualTo(3);
            assertThat(stats.get("all").errors()).isEqualTo(1);
            assertThat(latencies.errorsByStatus()).containsEntry("read case → 503", 1L);
        }
    }

    @Nested
    class Summary {

        private final Results results = new Results(
                "2026-01-01T00:00:00Z",
                "box-2cpu",
                Map.of("cores", 2, "memoryGiB", 23.5, "cpu", "Test CPU", "kernel", "6.1", "java", "JDK 25"),
                new double[] {0.5, 0.4, 0.3},
                false,
                Map.of(
                        "postgres", new Limits.Limit(1000, 8, "pgbench"),
                        "rabbitmq", new Limits.Limit(4000, 2, "PerfTest")),
                Map.of("case-service", new Results.Service(4200, 3.1, 250)),
                List.of(
                        step(Results.INTAKE, 100, 40, 0),
                        step(Results.INTAKE, 200, 90, 0),
                        step(Results.INTAKE, 300, 150, 0),
                        step(Results.BARE_PROXY, 100, 35, 0),
                        step(Results.BARE_PROXY, 200, 70, 0),
                        step(Results.BARE_PROXY, 300, 130, 0),
                        step(Results.BARE_PROXY, 250, 80, 0),
                        step(Results.DIRECT, 100, 30, 0),
                        step(Results.DIRECT, 200, 60, 0),
                        step(Results.DIRECT, 300, 70, 2)));

        /** A step of 10 s answering every arrival with p99 at the given value, intake only. */
        private static Results.Step step(String series, double rate, double p99, long errors) {
            var count = (long) (rate * 10);
            var latency = new Percentiles(count, p99 / 4, p99 / 2, p99, p99 * 2, p99 / 3);
            return new Results.Step(
                    series,
                    rate,
                    10,
                    0.5,
                    Map.of(
                            "all", new Latencies.RequestStats(latency, errors),
                            "intake (partner)", new Latencies.RequestStats(latency, errors)),
                    errors == 0 ? Map.of() : Map.of("intake (partner) → 503", errors),
                    count - errors,
                    count * 2.0,
                    // The machine: 5 CPU-ms per case via the gateway, 4.5 through the bare proxy, 4 direct.
                    count
                            * switch (series) {
                                case Results.DIRECT -> 4.0;
                                case Results.BARE_PROXY -> 4.5;
                                default -> 5.0;
                            },
                    // The gateway's part grows with the rate: 0.5, 1 and 1.5 CPU-ms per case at 100, 200, 300/s.
                    Map.of(
                            "gateway",
                            count * rate / 200,
                            "postgres",
                            count * 1.5,
                            Platform.LOAD_GENERATOR,
                            count * 1.0),
                    12,
                    3,
                    1.5,
                    new Percentiles(count, 40, 80, 120, 300, 50),
                    0);
        }

        @Test
        void theHighestSustainedStepIsTheLastWithNoErrorAndP99UnderTheTarget() {
            assertThat(Report.highestSustained(results, Results.INTAKE))
                    .hasValueSatisfying(s -> assertThat(s.offeredPerSecond()).isEqualTo(200));
            assertThat(Report.highestSustained(results, Results.DIRECT))
                    .hasValueSatisfying(s -> assertThat(s.offeredPerSecond()).isEqualTo(200));
            assertThat(Report.highestSustained(results, Results.BARE_PROXY))
                    .hasValueSatisfying(s -> assertThat(s.offeredPerSecond()).isEqualTo(250));
            assertThat(Report.highestSustained(results, Results.MIXED)).isEmpty();
        }

        @Test
        void theStepsThatNarrowDownABreakCountByRateNotByWhenTheyRan() {
            // As RateSearch runs them: 100 holds, 200 breaks, then 150 holds and 175 breaks.
            var searched = new Results(
                    results.date(),
                    results.host(),
                    results.machine(),
                    results.loadAverageBefore(),
                    false,
                    results.limits(),
                    results.services(),
                    List.of(
                            step(Results.INTAKE, 100, 40, 0),
                            step(Results.INTAKE, 200, 150, 0),
                            step(Results.INTAKE, 150, 60, 0),
                            step(Results.INTAKE, 175, 120, 0)));
            assertThat(Report.highestSustained(searched, Results.INTAKE))
                    .hasValueSatisfying(s -> assertThat(s.offeredPerSecond()).isEqualTo(150));
            assertThat(Report.steps(searched, Results.INTAKE))
                    .extracting(Results.Step::offeredPerSecond)
                    .containsExactly(100.0, 150.0, 175.0, 200.0);
        }

        @Test
        void summaryStatesFiguresAsRatiosOfTheLimitsAndTheMachine() {
            var md = Report.markdown(results);
            assertThat(md)
                    .contains("**2 cores**, 23.5 GiB memory")
                    .contains("Load average before the run: 0.50 / 0.40 / 0.30")
                    .contains("| intake via gateway | 200 | 200 | 90 |")
                    // 200 cases/s against pgbench's 1000/s, RabbitMQ's 4000/s, and direct's 200/s
                    .contains("20.0 % of PostgreSQL's; 5.0 % of RabbitMQ's; 100.0 % of direct to case-service")
                    .contains("| ≤ 1.3 CPU-ms per case (our processes) | 2 ms (whole machine: 5 ms) | missed |")
                    .contains(
                            "| case-service starts < 5 s, idles < 300 MB | 4.20 s launch→healthy (Boot: 3.10 s), 250 MiB | met |")
                    .contains("Errors at 300/s: {intake (partner) → 503=2}");
        }

        @Test
        void theGatewaysCostIsComparedAtTheHighestRateBothIntakeSeriesSustained() {
            assertThat(Report.markdown(results))
                    .contains("at the same rate, 200/s (the highest both series sustained), the gateway's cost is "
                            + "measured directly: p50 22.5 / p99 90 ms via the gateway against 15 / 60 ms direct, "
                            + "and 5 machine CPU-ms per case against 4: by CPU alone, the gateway path carries 80.0 % "
                            + "of direct's rate. Through the bare proxy at that rate: p50 17.5 / p99 70 ms and 4.50 "
                            + "machine CPU-ms per case (88.9 % of direct's rate by CPU).");
        }

        @Test
        void theBareProxyIsTheFloorTheGatewaysRatioIsReadAgainst() {
            assertThat(Report.markdown(results))
                    .contains("| intake via a bare proxy | 250 | 250 | 80 |")
                    .contains("100.0 % of direct to case-service (target ≥ 85 %); 80.0 % of the bare proxy's |")
                    .contains("| cases/s through a bare proxy (Reactor Netty relaying, nothing else: any hop's floor)"
                            + " | 250 | 125.0 % of direct to case-service |")
                    .contains("| gateway ≥ 85 % of direct | 100.0 % (a bare proxy: 125.0 %) | met |");
        }

        @Test
        void everyStepsCpuIsBrokenDownByPartPerCaseWithTheRestOfTheMachine() {
            var intake = Report.markdown(results).split("### ")[2]; // the intake via gateway section
            assertThat(intake)
                    .startsWith(Results.INTAKE)
                    .contains("| part | 100/s | 200/s | 300/s |")
                    .contains("| gateway | 0.50 | 1 | 1.50 |")
                    .contains("| postgres | 1.50 | 1.50 | 1.50 |")
                    .contains("| load generator | 1 | 1 | 1 |")
                    // 5 CPU-ms per case on the machine, less what the parts account for
                    .contains("| rest of the machine | 2 | 1.50 | 1 |")
                    .contains("| **machine** | **5** | **5** | **5** |");
        }

        @Test
        void writesJsonMarkdownAndAChart(@TempDir Path folder) throws Exception {
            Report.write(results, folder);
            assertThat(folder.resolve("results.json")).content().contains("\"offeredPerSecond\" : 300.0");
            assertThat(folder.resolve("summary.md")).exists();
            var chart = Files.readString(folder.resolve("chart.html"));
            assertThat(chart).contains("<svg").contains("p99 target 100 ms");
            assertThat(chart.split("<polyline", -1)).hasSize(1 + 3 * 3); // three series, p50/p95/p99 each
        }
    }
}
