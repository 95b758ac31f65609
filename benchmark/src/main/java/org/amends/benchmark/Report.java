package org.amends.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes a run's results: results.json, summary.md, and chart.html (latency percentiles against offered rate). */
final class Report {

    private static final List<String> SERIES =
            List.of(Results.MIXED, Results.INTAKE, Results.BARE_PROXY, Results.DIRECT);
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#9467bd", "#2ca02c"};

    private Report() {}

    static void write(Results results, Path folder) throws IOException {
        Files.createDirectories(folder);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("results.json").toFile(), results);
        Files.writeString(folder.resolve("summary.md"), markdown(results));
        Files.writeString(folder.resolve("chart.html"), chart(results));
    }

    /** The highest offered rate of a series that was sustained, with every lower step of the series sustained too. */
    static Optional<Results.Step> highestSustained(Results results, String series) {
        Results.Step best = null;
        for (var step : steps(results, series)) {
            if (!step.sustained()) {
                break;
            }
            best = step;
        }
        return Optional.ofNullable(best);
    }

    /** A series' steps by offered rate (the steps that narrow down where it broke run after the broken one). */
    static List<Results.Step> steps(Results results, String series) {
        return results.steps().stream()
                .filter(s -> s.series().equals(series))
                .sorted(Comparator.comparingDouble(Results.Step::offeredPerSecond))
                .toList();
    }

    static String markdown(Results r) {
        var md = new StringBuilder();
        var m = r.machine();
        md.append("# Amends load benchmark — ")
                .append(r.date())
                .append(r.quick() ? " (quick smoke run)" : "")
                .append("\n\n");
        md.append("Machine: **")
                .append(m.get("cores"))
                .append(" cores**, ")
                .append(m.get("memoryGiB"))
                .append(" GiB memory, ")
                .append(m.get("cpu"))
                .append("; Linux ")
                .append(m.get("kernel"))
                .append("; ")
                .append(m.get("java"))
                .append(". Everything on this one box: the four services, ")
                .append("PostgreSQL, RabbitMQ, Redis, Keycloak and the load generator (Gatling, open model). ")
                .append("Load average before the run: ")
                .append(f(r.loadAverageBefore()[0]))
                .append(" / ")
                .append(f(r.loadAverageBefore()[1]))
                .append(" / ")
                .append(f(r.loadAverageBefore()[2]))
                .append(" (1/5/15 min).\n\n");

        md.append("## Headline\n\n");
        md.append("Sustained = zero errors, p99 < ")
                .append((int) Results.P99_TARGET_MILLIS)
                .append(" ms, and at least 95 % of the offered arrivals answered during the step.\n\n");
        md.append("| series | highest sustained rate (req/s) | cases/s accepted there | p99 there (ms) |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        for (var series : SERIES) {
            var best = highestSustained(r, series);
            md.append("| ")
                    .append(series)
                    .append(" | ")
                    .append(best.map(s -> f(s.offeredPerSecond())).orElse("none (the lowest step broke)"))
                    .append(" | ")
                    .append(best.map(s -> f(casesPerSecond(s))).orElse("–"))
                    .append(" | ")
                    .append(best.map(s -> f(s.all().latency().p99())).orElse("–"))
                    .append(" |\n");
        }
        md.append('\n');

        var pg = r.limits().get("postgres");
        var rabbit = r.limits().get("rabbitmq");
        var intake = highestSustained(r, Results.INTAKE);
        var direct = highestSustained(r, Results.DIRECT);
        var bare = highestSustained(r, Results.BARE_PROXY);
        var mixed = highestSustained(r, Results.MIXED);
        md.append("## Against the machine's own limits (same run)\n\n");
        md.append("| limit | rate/s | latency | command |\n| --- | ---: | ---: | --- |\n");
        if (pg != null) {
            md.append("| PostgreSQL, the intake transaction (pgbench) | ")
                    .append(f(pg.perSecond()))
                    .append(" | ")
                    .append(f(pg.latencyMillis()))
                    .append(" ms mean | `")
                    .append(pg.command())
                    .append("` |\n");
        }
        if (rabbit != null) {
            md.append("| RabbitMQ, persistent + confirms, quorum queue (PerfTest) | ")
                    .append(f(rabbit.perSecond()))
                    .append(" | ")
                    .append(f(rabbit.latencyMillis()))
                    .append(" ms median confirm | `")
                    .append(rabbit.command())
                    .append("` |\n");
        }
        md.append('\n');
        md.append("| our figure | value | as a ratio of |\n| --- | ---: | --- |\n");
        intake.ifPresent(s -> {
            var cases = casesPerSecond(s);
            md.append("| cases/s through the gateway (intake only, sustained) | ")
                    .append(f(cases))
                    .append(" | ");
            if (pg != null) md.append(pct(cases / pg.perSecond())).append(" of PostgreSQL's; ");
            if (rabbit != null) md.append(pct(cases / rabbit.perSecond())).append(" of RabbitMQ's; ");
            direct.ifPresent(d ->
                    md.append(pct(cases / casesPerSecond(d))).append(" of direct to case-service (target ≥ 85 %)"));
            bare.ifPresent(
                    b -> md.append("; ").append(pct(cases / casesPerSecond(b))).append(" of the bare proxy's"));
            md.append(" |\n");
        });
        bare.ifPresent(s -> {
            var cases = casesPerSecond(s);
            md.append("| cases/s through a bare proxy (Reactor Netty relaying, nothing else: any hop's floor) | ")
                    .append(f(cases))
                    .append(" | ");
            direct.ifPresent(d -> md.append(pct(cases / casesPerSecond(d))).append(" of direct to case-service"));
            md.append(" |\n");
        });
        direct.ifPresent(s -> {
            var cases = casesPerSecond(s);
            md.append("| cases/s direct to case-service (sustained) | ")
                    .append(f(cases))
                    .append(" | ");
            if (pg != null) md.append(pct(cases / pg.perSecond())).append(" of PostgreSQL's");
            md.append(" |\n");
        });
        mixed.ifPresent(s -> md.append("| requests/s, contact-centre mix via gateway (sustained) | ")
                .append(f(s.offeredPerSecond()))
                .append(" | ")
                .append(
                        pg == null
                                ? ""
                                : pct(casesPerSecond(s) / pg.perSecond()) + " of PostgreSQL's (its intake part)")
                .append(" |\n"));
        md.append('\n');

        md.append("## Targets (issue #7)\n\n| target | reached | verdict |\n| --- | --- | --- |\n");
        md.append("| ≥ 1,500 cases/s via gateway, p99 < 100 ms, no errors | ")
                .append(intake.map(s -> f(casesPerSecond(s)) + " cases/s").orElse("none"))
                .append(" | ")
                .append(intake.filter(s -> casesPerSecond(s) >= 1500).isPresent() ? "met" : "missed")
                .append(" |\n");
        intake.ifPresent(s -> {
            md.append("| event lag p99 < 1 s (at that step) | p50 ")
                    .append(f(s.eventLag().p50()))
                    .append(" ms, p99 ")
                    .append(f(s.eventLag().p99()))
                    .append(" ms | ")
                    .append(s.eventLag().p99() < 1000 && s.eventsNotApplied() == 0 ? "met" : "missed")
                    .append(" |\n");
            md.append("| queues drain within 5 s after the load (at that step) | ")
                    .append(drain(s))
                    .append(" | ")
                    .append(s.drainSeconds() >= 0 && s.drainSeconds() <= 5 ? "met" : "missed")
                    .append(" |\n");
            md.append("| ≤ 1.3 CPU-ms per case (our processes) | ")
                    .append(f(s.cpuMillisPerCase()))
                    .append(" ms (whole machine: ")
                    .append(f(s.machineCpuMillisPerCase()))
                    .append(" ms) | ")
                    .append(s.cpuMillisPerCase() <= 1.3 ? "met" : "missed")
                    .append(" |\n");
        });
        if (intake.isPresent() && direct.isPresent()) {
            var ratio = casesPerSecond(intake.get()) / casesPerSecond(direct.get());
            md.append("| gateway ≥ 85 % of direct | ")
                    .append(pct(ratio))
                    .append(bare.map(b ->
                                    " (a bare proxy: " + pct(casesPerSecond(b) / casesPerSecond(direct.get())) + ")")
                            .orElse(""))
                    .append(" | ")
                    .append(ratio >= 0.85 ? "met" : "missed")
                    .append(" |\n");
            sameRate(r)
                    .ifPresent(pair -> md.append("\nThe break points move between runs; at the same rate, ")
                            .append(f(pair.gateway().offeredPerSecond()))
                            .append(
                                    "/s (the highest both series sustained), the gateway's cost is measured directly: p50 ")
                            .append(f(pair.gateway().all().latency().p50()))
                            .append(" / p99 ")
                            .append(f(pair.gateway().all().latency().p99()))
                            .append(" ms via the gateway against ")
                            .append(f(pair.direct().all().latency().p50()))
                            .append(" / ")
                            .append(f(pair.direct().all().latency().p99()))
                            .append(" ms direct, and ")
                            .append(f(pair.gateway().machineCpuMillisPerCase()))
                            .append(" machine CPU-ms per case against ")
                            .append(f(pair.direct().machineCpuMillisPerCase()))
                            .append(": by CPU alone, the gateway path carries ")
                            .append(pct(pair.direct().machineCpuMillisPerCase()
                                    / pair.gateway().machineCpuMillisPerCase()))
                            .append(" of direct's rate.")
                            .append(pair.bare()
                                    .map(b -> " Through the bare proxy at that rate: p50 "
                                            + f(b.all().latency().p50())
                                            + " / p99 "
                                            + f(b.all().latency().p99())
                                            + " ms and "
                                            + f(b.machineCpuMillisPerCase())
                                            + " machine CPU-ms per case ("
                                            + pct(pair.direct().machineCpuMillisPerCase() / b.machineCpuMillisPerCase())
                                            + " of direct's rate by CPU).")
                                    .orElse(""))
                            .append('\n'));
            md.append('\n');
        }
        r.services()
                .forEach((name, s) -> md.append("| ")
                        .append(name)
                        .append(" starts < 5 s, idles < 300 MB | ")
                        .append(f(s.launchToHealthyMillis() / 1000.0))
                        .append(" s launch→healthy (Boot: ")
                        .append(f(s.startedInSeconds()))
                        .append(" s), ")
                        .append(f(s.idleRssMiB()))
                        .append(" MiB | ")
                        .append(s.launchToHealthyMillis() < 5000 && s.idleRssMiB() < 300 ? "met" : "missed")
                        .append(" |\n"));
        md.append('\n');

        md.append("## Every step\n\n");
        md.append("Latencies in ms (p50 / p95 / p99 / max), per request type. Event lag: case.opened → applied by ")
                .append("insight-service. Queued/outbox: when the load stopped. CPU per case: gateway + three ")
                .append("services (machine: every process, including the load generator and the servers).\n\n");
        for (var series : SERIES) {
            md.append("### ").append(series).append("\n\n");
            md.append(
                            "| offered/s | achieved/s | load avg | all p50/p95/p99/max | errors | cases | event lag p50/p99 | ")
                    .append("queued | outbox | drain | CPU-ms/case (machine) | sustained |\n");
            md.append("| ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | :---: |\n");
            for (var s : steps(r, series)) {
                var all = s.all();
                md.append("| ")
                        .append(f(s.offeredPerSecond()))
                        .append(" | ")
                        .append(f(s.achievedPerSecond()))
                        .append(" | ")
                        .append(f(s.loadAverage()))
                        .append(" | ")
                        .append(latency(all.latency()))
                        .append(" | ")
                        .append(all.errors())
                        .append(" | ")
                        .append(s.casesAccepted())
                        .append(" | ")
                        .append(f(s.eventLag().p50()))
                        .append(" / ")
                        .append(f(s.eventLag().p99()))
                        .append(s.eventsNotApplied() > 0 ? " (" + s.eventsNotApplied() + " not applied)" : "")
                        .append(" | ")
                        .append(s.queuedAtEnd())
                        .append(" | ")
                        .append(s.outboxAtEnd())
                        .append(" | ")
                        .append(drain(s))
                        .append(" | ")
                        .append(f(s.cpuMillisPerCase()))
                        .append(" (")
                        .append(f(s.machineCpuMillisPerCase()))
                        .append(") | ")
                        .append(s.sustained() ? "yes" : "**no**")
                        .append(" |\n");
            }
            md.append('\n');
            var detailed = highestSustained(r, series)
                    .or(() -> steps(r, series).stream().findFirst());
            detailed.ifPresent(s -> {
                md.append("Per request type at ")
                        .append(f(s.offeredPerSecond()))
                        .append("/s:\n\n");
                md.append(
                        "| request | count | p50 | p95 | p99 | max | errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
                s.requests()
                        .forEach((name, stats) -> md.append("| ")
                                .append(name)
                                .append(" | ")
                                .append(stats.latency().count())
                                .append(" | ")
                                .append(f(stats.latency().p50()))
                                .append(" | ")
                                .append(f(stats.latency().p95()))
                                .append(" | ")
                                .append(f(stats.latency().p99()))
                                .append(" | ")
                                .append(f(stats.latency().max()))
                                .append(" | ")
                                .append(stats.errors())
                                .append(" |\n"));
                md.append('\n');
            });
            cpuByPart(md, steps(r, series));
            r.steps().stream()
                    .filter(s ->
                            s.series().equals(series) && !s.errorsByStatus().isEmpty())
                    .forEach(s -> md.append("Errors at ")
                            .append(f(s.offeredPerSecond()))
                            .append("/s: ")
                            .append(s.errorsByStatus())
                            .append("\n\n"));
        }
        md.append("The chart: [chart.html](chart.html). Raw figures: [results.json](results.json).\n");
        return md.toString();
    }

    /** An HTML page with an inline SVG: p50, p95 and p99 (log scale) against the offered rate, one colour a series. */
    static String chart(Results r) {
        int width = 900, height = 480, left = 70, right = 220, top = 30, bottom = 50;
        var maxRate = r.steps().stream()
                .mapToDouble(Results.Step::offeredPerSecond)
                .max()
                .orElse(1);
        double minMs = 1,
                maxMs =
                        Math.max(
                                1000,
                                r.steps().stream()
                                        .mapToDouble(s -> s.all().latency().p99())
                                        .max()
                                        .orElse(1000));
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        java.util.function.DoubleUnaryOperator x = rate -> left + rate / maxRate * plotW;
        java.util.function.DoubleUnaryOperator y = ms -> top
                + plotH
                - (Math.log10(Math.max(ms, minMs)) - Math.log10(minMs))
                        / (Math.log10(maxMs) - Math.log10(minMs))
                        * plotH;
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect x=\"")
                .append(left)
                .append("\" y=\"")
                .append(top)
                .append("\" width=\"")
                .append(plotW)
                .append("\" height=\"")
                .append(plotH)
                .append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (var ms = 1.0; ms <= maxMs * 1.0001; ms *= 10) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n",
                    left,
                    left + plotW,
                    y.applyAsDouble(ms),
                    y.applyAsDouble(ms),
                    left - 6,
                    y.applyAsDouble(ms) + 4,
                    f(ms)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"6 4\"/>"
                        + "<text x=\"%d\" y=\"%.1f\">p99 target 100 ms</text>%n",
                left,
                left + plotW,
                y.applyAsDouble(100),
                y.applyAsDouble(100),
                left + 4,
                y.applyAsDouble(100) - 4));
        for (var i = 0; i <= 5; i++) {
            var rate = maxRate * i / 5;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x.applyAsDouble(rate),
                    top + plotH + 18,
                    f(rate)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered rate (requests/s)</text>%n",
                left + plotW / 2,
                height - 10));
        var legend = top + 10;
        for (var i = 0; i < SERIES.size(); i++) {
            var series = SERIES.get(i);
            var steps = steps(r, series);
            if (steps.isEmpty()) continue;
            String[] dashes = {"2 3", "8 3", ""};
            String[] names = {"p50", "p95", "p99"};
            for (var p = 0; p < 3; p++) {
                var points = new StringBuilder();
                for (var s : steps) {
                    var l = s.all().latency();
                    var ms = p == 0 ? l.p50() : p == 1 ? l.p95() : l.p99();
                    points.append(String.format(
                            Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(s.offeredPerSecond()), y.applyAsDouble(ms)));
                }
                svg.append("<polyline fill=\"none\" stroke=\"")
                        .append(COLOURS[i])
                        .append("\" stroke-width=\"2\"")
                        .append(dashes[p].isEmpty() ? "" : " stroke-dasharray=\"" + dashes[p] + "\"")
                        .append(" points=\"")
                        .append(points.toString().trim())
                        .append("\"/>\n");
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                                + "<text x=\"%d\" y=\"%d\">%s %s</text>%n",
                        left + plotW + 10,
                        left + plotW + 40,
                        legend,
                        legend,
                        COLOURS[i],
                        dashes[p].isEmpty() ? "" : " stroke-dasharray=\"" + dashes[p] + "\"",
                        left + plotW + 45,
                        legend + 4,
                        names[p],
                        series.replace("contact-centre mix", "mix")));
                legend += 16;
            }
            legend += 8;
        }
        svg.append("</svg>\n");
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Amends benchmark "
                + r.date() + "</title></head>\n<body>\n<h1>Latency against offered rate — " + r.date() + ", "
                + r.host() + "</h1>\n" + svg + "</body></html>\n";
    }

    private static String latency(Percentiles p) {
        return f(p.p50()) + " / " + f(p.p95()) + " / " + f(p.p99()) + " / " + f(p.max());
    }

    private static String drain(Results.Step s) {
        return s.drainSeconds() < 0 ? "not within the wait" : f(s.drainSeconds()) + " s";
    }

    private static double casesPerSecond(Results.Step s) {
        return s.casesAccepted() / s.seconds();
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /**
     * Where each case's CPU went at every step of a series (a {@link PartsTable} in CPU-ms per case). Set beside each
     * other, the steps show which part grows as the rate rises; the series beside each other, what the gateway adds.
     */
    private static void cpuByPart(StringBuilder md, List<Results.Step> steps) {
        var columns = steps.stream()
                .filter(s -> s.casesAccepted() > 0)
                .map(s -> {
                    var perCase = new LinkedHashMap<String, Double>();
                    s.cpuMillisByPart().forEach((part, millis) -> perCase.put(part, millis / s.casesAccepted()));
                    return new PartsTable.MachineColumn(
                            f(s.offeredPerSecond()) + "/s", perCase, s.machineCpuMillisPerCase());
                })
                .toList();
        if (columns.isEmpty()) {
            return;
        }
        md.append("CPU-ms per case by part, at each step:\n\n")
                .append(PartsTable.markdown(columns, Report::f))
                .append('\n');
    }

    /** The intake steps via the gateway and direct at the same rate, and through the bare proxy if it ran at it. */
    record SameRate(Results.Step gateway, Results.Step direct, Optional<Results.Step> bare) {}

    /** The highest rate both intake series (via the gateway, direct) sustained, with their steps there. */
    static Optional<SameRate> sameRate(Results results) {
        var direct = steps(results, Results.DIRECT).stream()
                .filter(Results.Step::sustained)
                .toList();
        return steps(results, Results.INTAKE).reversed().stream()
                .filter(Results.Step::sustained)
                .flatMap(gateway -> direct.stream()
                        .filter(d -> d.offeredPerSecond() == gateway.offeredPerSecond())
                        .map(d -> new SameRate(
                                gateway,
                                d,
                                steps(results, Results.BARE_PROXY).stream()
                                        .filter(b -> b.sustained() && b.offeredPerSecond() == d.offeredPerSecond())
                                        .findFirst())))
                .findFirst();
    }

    /** A figure with as many decimals as it deserves: 1234, 12.3, 1.23. */
    static String f(double value) {
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return Math.abs(value) >= 10
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
