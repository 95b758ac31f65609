package org.amends.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many cores each part of the machine kept busy, on average, over the phases of a run: where the machine's time
 * went while the bulk import's job ran, and after it while its events were published and applied. Read from {@link
 * Platform#cpuMillisByPart} and the machine's busy time at each phase's start and end.
 */
final class Cores {

    private Cores() {}

    /** The CPU time each part and the whole machine had used at one moment. */
    record Reading(long nanos, Map<String, Double> millisByPart, double machineMillis) {

        static Reading now(Map<String, Long> pids) {
            return new Reading(System.nanoTime(), Platform.cpuMillisByPart(pids), Platform.machineBusyMillis());
        }

        /** The CPU time each part used since {@code earlier}, in milliseconds, in this reading's order of parts. */
        Map<String, Double> millisSince(Reading earlier) {
            var used = new LinkedHashMap<String, Double>();
            millisByPart.forEach((part, millis) ->
                    used.put(part, millis - earlier.millisByPart().getOrDefault(part, 0.0)));
            return used;
        }
    }

    /**
     * One phase: its length and the mean cores each part, and the whole machine, kept busy during it.
     *
     * @param name what the phase was
     * @param seconds how long it lasted
     * @param byPart mean cores per part ({@link Platform#cpuMillisByPart}'s parts)
     * @param machine mean cores the whole machine had busy
     */
    record Phase(String name, double seconds, Map<String, Double> byPart, double machine) {

        static Phase between(String name, Reading from, Reading to) {
            var seconds = (to.nanos() - from.nanos()) / 1e9;
            var byPart = new LinkedHashMap<String, Double>();
            to.millisSince(from).forEach((part, millis) -> byPart.put(part, millis / 1000 / seconds));
            return new Phase(name, seconds, byPart, (to.machineMillis() - from.machineMillis()) / 1000 / seconds);
        }
    }

    /** A table of the phases side by side (a {@link PartsTable}), against the machine's {@code cores}. */
    static String markdown(List<Phase> phases, int cores) {
        var columns = phases.stream()
                .map(phase -> new PartsTable.Column(
                        phase.name() + String.format(Locale.ROOT, " (%.1f s)", phase.seconds()),
                        phase.byPart(),
                        phase.machine()))
                .toList();
        return "\n## Where the cores went\n\nMean cores each part kept busy, of the machine's " + cores + ":\n\n"
                + PartsTable.markdown(columns, value -> String.format(Locale.ROOT, "%.2f", value));
    }
}
