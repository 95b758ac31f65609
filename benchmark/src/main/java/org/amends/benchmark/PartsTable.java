package org.amends.benchmark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A Markdown table of where the machine's CPU went, part by part ({@link Platform#cpuMillisByPart}'s parts), one
 * column per step or phase: a row per part, then the rest of the machine (what no part accounts for: the kernel's own
 * work, other processes) and the whole machine. The load report gives CPU-ms per case, the bulk report mean cores.
 */
final class PartsTable {

    private PartsTable() {}

    /** One column: its heading and each part's figure, in the table's unit. */
    record Column(String heading, Map<String, Double> byPart) {}

    /** A column with the whole machine's figure beside its parts', for {@link #markdown}. */
    record MachineColumn(Column parts, double machine) {

        MachineColumn(String heading, Map<String, Double> byPart, double machine) {
            this(new Column(heading, byPart), machine);
        }
    }

    /** The table, its rows in the order the columns first name their parts; {@code figure} formats each cell. */
    static String markdown(List<MachineColumn> columns, DoubleFunction<String> figure) {
        var md = new StringBuilder(
                parts(columns.stream().map(MachineColumn::parts).toList(), figure));
        md.append("| rest of the machine |");
        columns.forEach(column -> {
            var accounted = column.parts().byPart().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            md.append(' ').append(figure.apply(column.machine() - accounted)).append(" |");
        });
        md.append("\n| **machine** |");
        columns.forEach(column ->
                md.append(" **").append(figure.apply(column.machine())).append("** |"));
        return md.append('\n').toString();
    }

    /** The heading and a row per part, without the machine's rows: for figures the machine has no total of. */
    static String parts(List<Column> columns, DoubleFunction<String> figure) {
        var md = new StringBuilder("| part |");
        columns.forEach(column -> md.append(' ').append(column.heading()).append(" |"));
        md.append("\n| --- |").append(" ---: |".repeat(columns.size())).append('\n');
        var parts = new LinkedHashSet<String>();
        columns.forEach(column -> parts.addAll(column.byPart().keySet()));
        for (var part : parts) {
            md.append("| ").append(part).append(" |");
            columns.forEach(column -> md.append(' ')
                    .append(figure.apply(column.byPart().getOrDefault(part, 0.0)))
                    .append(" |"));
            md.append('\n');
        }
        return md.toString();
    }
}
