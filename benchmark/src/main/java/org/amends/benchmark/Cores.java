package org.amends.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * How many cores each part of the machine kept busy, on average, over the phases of a run: where the machine's time
 * went while the bulk import's job ran, and after it while its events were published and applied. Beside it, how many
 * of each part's threads were waiting for a core, and how much of the time any thread was: on a shared box a live
 * request's latency grows with that wait, not with the cores in use. Read from {@link Platform#cpuMillisByPart},
 * {@link Platform#waitMillisByPart}, the machine's busy time and its CPU pressure at each phase's start and end.
 */
final class Cores {

    private static final DoubleFunction<String> HUNDREDTHS = value -> String.format(Locale.ROOT, "%.2f", value);

    private Cores() {}

    /**
     * The CPU time each part and the whole machine had used at one moment, the time each part's threads had waited
     * for a core, and the machine's CPU pressure (how long any thread had waited), all in milliseconds.
     */
    record Reading(
            long nanos,
            Map<String, Double> millisByPart,
            double machineMillis,
            Map<String, Double> waitMillisByPart,
            double pressureMillis) {

        static Reading now(Map<String, Long> pids) {
            var processes = Platform.processesByPart(pids);
            return new Reading(
                    System.nanoTime(),
                    Platform.cpuMillisByPart(processes),
                    Platform.machineBusyMillis(),
                    Platform.waitMillisByPart(processes),
                    Platform.cpuPressureMillis());
        }

        /** The CPU time each part used since {@code earlier}, in milliseconds, in this reading's order of parts. */
        Map<String, Double> millisSince(Reading earlier) {
            return since(millisByPart, earlier.millisByPart());
        }

        /** The time each part's threads waited for a core since {@code earlier}, in milliseconds. */
        Map<String, Double> waitMillisSince(Reading earlier) {
            return since(waitMillisByPart, earlier.waitMillisByPart());
        }

        private static Map<String, Double> since(Map<String, Double> now, Map<String, Double> then) {
            var used = new LinkedHashMap<String, Double>();
            now.forEach((part, millis) -> used.put(part, millis - then.getOrDefault(part, 0.0)));
            return used;
        }
    }

    /**
     * One phase: its length, the mean cores each part and the whole machine kept busy during it, and how long they
     * waited for cores.
     *
     * @param name what the phase was
     * @param seconds how long it lasted
     * @param byPart mean cores per part ({@link Platform#cpuMillisByPart}'s parts)
     * @param machine mean cores the whole machine had busy
     * @param waitingByPart mean threads of each part waiting for a core (their run-queue time over the phase's)
     * @param pressure the share of the phase during which any thread on the machine waited for a core (0 to 1)
     */
    record Phase(
            String name,
            double seconds,
            Map<String, Double> byPart,
            double machine,
            Map<String, Double> waitingByPart,
            double pressure) {

        static Phase between(String name, Reading from, Reading to) {
            var seconds = (to.nanos() - from.nanos()) / 1e9;
            return new Phase(
                    name,
                    seconds,
                    perSecond(to.millisSince(from), seconds),
                    (to.machineMillis() - from.machineMillis()) / 1000 / seconds,
                    perSecond(to.waitMillisSince(from), seconds),
                    (to.pressureMillis() - from.pressureMillis()) / 1000 / seconds);
        }

        private static Map<String, Double> perSecond(Map<String, Double> millis, double seconds) {
            var result = new LinkedHashMap<String, Double>();
            millis.forEach((part, value) -> result.put(part, value / 1000 / seconds));
            return result;
        }
    }

    /** A table of the phases side by side (a {@link PartsTable}), against the machine's {@code cores}. */
    static String markdown(List<Phase> phases, int cores) {
        var columns = phases.stream()
                .map(phase -> new PartsTable.MachineColumn(
                        phase.name() + String.format(Locale.ROOT, " (%.1f s)", phase.seconds()),
                        phase.byPart(),
                        phase.machine()))
                .toList();
        return "\n## Where the cores went\n\nMean cores each part kept busy, of the machine's " + cores + ":\n\n"
                + PartsTable.markdown(columns, HUNDREDTHS)
                + waits(phases);
    }

    /**
     * Who waited for a core: each part's mean threads in the run queue, and how much of the time any thread on the
     * machine waited. A live request waits at each hop (gateway, case-service, its database connection) while
     * another part's threads hold the cores.
     */
    private static String waits(List<Phase> phases) {
        var columns = phases.stream()
                .map(phase -> new PartsTable.Column(phase.name(), phase.waitingByPart()))
                .toList();
        var md = new StringBuilder("""

                Mean threads of each part waiting for a core (their time in the kernel's run queue over the phase's), \
                and the share of the phase in which any thread on the machine waited (CPU pressure, \
                `/proc/pressure/cpu`):

                """).append(PartsTable.parts(columns, HUNDREDTHS));
        md.append("| **any thread waited** |");
        phases.forEach(phase -> md.append(String.format(Locale.ROOT, " **%.0f %%** |", phase.pressure() * 100)));
        return md.append('\n').toString();
    }
}
