package org.amends.benchmark;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmark's one entry ({@code ./amends bench}, which starts the platform with benchmark settings first): the
 * machine's limits, a warm-up, then four series stepped up until each breaks — the contact-centre mix through the
 * gateway, intake alone through the gateway, intake alone through a {@link BareProxy} (the floor of any hop), and
 * intake alone straight to case-service — and the report. With
 * {@code --incident [N]} it runs {@link IncidentBench}, the bulk import of N affected customers, instead.
 */
public final class Bench {

    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final String CASE_SERVICE = "http://127.0.0.1:8081";
    private static final int BARE_PROXY_PORT = 8090;
    private static final String BARE_PROXY = "http://127.0.0.1:" + BARE_PROXY_PORT;
    /** The bare proxy's part in the CPU tables (its own process). */
    private static final String BARE_PROXY_PART = "bare proxy";

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
    /** RabbitMQ's default {@code collect_statistics_interval} (how often queue depths are counted), and a margin. */
    private static final Duration STATISTICS_INTERVAL = Duration.ofMillis(5_500);

    private static final List<String> OURS = List.of("gateway", "case-service", "remedy-service", "insight-service");

    private final Map<String, String> options;
    private final boolean quick;
    private final Platform platform = new Platform();
    private final Keycloak keycloak;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private Bench(Map<String, String> options) {
        this.options = options;
        this.quick = options.containsKey("quick");
        // --issuer, --gateway and --case-database: a platform started on other ports (the bulk benchmark beside another
        // run).
        this.keycloak = new Keycloak(options.getOrDefault("issuer", "http://localhost:8180/realms/amends"));
        for (var pair : options.getOrDefault("pids", "").split(",")) {
            var parts = pair.split("=");
            if (parts.length == 2 && !parts[1].isBlank()) {
                pids.put(parts[0], Long.parseLong(parts[1].trim()));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        for (var i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            var name = args[i].substring(2);
            if (name.equals("quick") || name.equals("memory-checkpoints")) {
                options.put(name, "true");
            } else if (name.equals("incident")) {
                // --incident [N]: the bulk import benchmark, 100,000 affected customers unless told.
                var count = i + 1 < args.length && args[i + 1].matches("\\d+") ? args[++i] : "100000";
                options.put(name, count);
            } else {
                options.put(name, args[++i]);
            }
        }
        new Bench(options).run();
        // Gatling's and the HTTP clients' threads must not keep the JVM alive.
        System.exit(0);
    }

    private void run() throws Exception {
        var started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var host = InetAddress.getLocalHost().getHostName() + "-"
                + Runtime.getRuntime().availableProcessors() + "cpu";
        var folder = Path.of(options.get("results"))
                .resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
                                .withZone(ZoneOffset.UTC)
                                .format(started) + "-" + host.replaceAll("[^A-Za-z0-9-]", "")
                        + (quick ? "-quick" : ""));
        if (options.containsKey("incident")) {
            var customers = Integer.parseInt(options.get("incident"));
            var incidentFolder = folder.resolveSibling(folder.getFileName() + "-incident-" + customers);
            var services = new LinkedHashMap<String, Long>();
            pids.forEach((service, pid) -> {
                if (OURS.contains(service)) {
                    services.put(service, pid);
                }
            });
            var bench = new IncidentBench(
                    options.getOrDefault("gateway", GATEWAY),
                    options.getOrDefault("case-database", "amends_case"),
                    keycloak,
                    services,
                    customers,
                    Double.parseDouble(options.getOrDefault("live-rate", "10")),
                    options.containsKey("memory-checkpoints"));
            bench.write(bench.run(), incidentFolder);
            say("Wrote %s (summary.md, results.json)", incidentFolder);
            return;
        }
        var loadBefore = Platform.loadAverage();
        say(
                "load average before: %.2f %.2f %.2f; results go to %s",
                loadBefore[0], loadBefore[1], loadBefore[2], folder);

        var services = services();
        var limits = new LinkedHashMap<String, Limits.Limit>();
        var machineLimits = new Limits(Path.of(options.getOrDefault("root", ".")), platform);
        var limitTime = Duration.ofSeconds(quick ? 5 : 15);
        say("PostgreSQL's limit: pgbench with the intake transaction for %ds", limitTime.toSeconds());
        limits.put("postgres", machineLimits.postgres(limitTime, 10));
        say("  %.0f transactions/s", limits.get("postgres").perSecond());
        say("RabbitMQ's limit: PerfTest, persistent, confirms, quorum queue, for %ds", limitTime.toSeconds());
        limits.put("rabbitmq", machineLimits.rabbitmq(limitTime, 1000));
        say("  %.0f messages/s", limits.get("rabbitmq").perSecond());

        // The JIT compiles a method fully only after thousands of calls: a short warm-up left the first steps paying
        // for compilation (CPU per case fell by half from the first step to the third in the same run). Every path is
        // warmed: through the gateway with the whole mix, through the bare proxy, and straight to case-service.
        var warmUp = Duration.ofSeconds(quick ? 30 : 90);
        var bareProxy = startBareProxy();
        try {
            say(
                    "Warm-up (not reported): the mix via the gateway at 30/s for %ds, then intake through the bare proxy"
                            + " and direct at 30/s for %ds each",
                    warmUp.toSeconds(), warmUp.toSeconds() / 3);
            step(Results.MIXED, GATEWAY, LoadPlan.Mix.CONTACT_CENTRE, 30, warmUp);
            step(Results.BARE_PROXY, BARE_PROXY, LoadPlan.Mix.INTAKE, 30, warmUp.dividedBy(3));
            step(Results.DIRECT, CASE_SERVICE, LoadPlan.Mix.INTAKE, 30, warmUp.dividedBy(3));
            series(started, host, folder, loadBefore, limits, services);
        } finally {
            bareProxy.destroy();
        }
    }

    private void series(
            Instant started,
            String host,
            Path folder,
            double[] loadBefore,
            Map<String, Limits.Limit> limits,
            Map<String, Results.Service> services)
            throws Exception {
        var stepTime = Duration.ofSeconds(quick ? 8 : 20);

        // Up this ladder until a step breaks, then three steps (one in the quick run) halving the gap between the
        // highest sustained rate and the broken one: the figure is then within an eighth of the gap, not a rung.
        var rates = quick
                ? List.of(10.0, 25.0, 50.0)
                : List.of(10.0, 25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 600.0, 800.0, 1000.0, 1500.0, 2000.0);
        var steps = new ArrayList<Results.Step>();
        record Series(String name, String baseUrl, LoadPlan.Mix mix) {}
        for (var series : List.of(
                new Series(Results.MIXED, GATEWAY, LoadPlan.Mix.CONTACT_CENTRE),
                new Series(Results.INTAKE, GATEWAY, LoadPlan.Mix.INTAKE),
                new Series(Results.BARE_PROXY, BARE_PROXY, LoadPlan.Mix.INTAKE),
                new Series(Results.DIRECT, CASE_SERVICE, LoadPlan.Mix.INTAKE))) {
            var search = new RateSearch(rates, quick ? 1 : 3);
            for (var next = search.next(); next.isPresent(); next = search.next()) {
                var rate = next.getAsDouble();
                var step = step(series.name(), series.baseUrl(), series.mix(), rate, stepTime);
                search.record(rate, step.sustained());
                steps.add(step);
                var all = step.all();
                say(
                        "  %s at %.0f/s: p50 %.1f p95 %.1f p99 %.1f max %.0f ms, %d errors, %d cases, event lag p99 %.0f ms,"
                                + " drain %.1f s, %.2f CPU-ms/case → %s",
                        series.name(),
                        rate,
                        all.latency().p50(),
                        all.latency().p95(),
                        all.latency().p99(),
                        all.latency().max(),
                        all.errors(),
                        step.casesAccepted(),
                        step.eventLag().p99(),
                        step.drainSeconds(),
                        step.cpuMillisPerCase(),
                        step.sustained() ? "sustained" : "BROKE");
            }
        }
        var results =
                new Results(started.toString(), host, Platform.machine(), loadBefore, quick, limits, services, steps);
        Report.write(results, folder);
        say("Wrote %s (summary.md, results.json, chart.html)", folder);
    }

    /**
     * {@link BareProxy} in a process of its own (so its CPU is its own part), with the services' heap and collector, in
     * front of case-service; its part joins the CPU tables. Waits until it accepts connections.
     */
    private Process startBareProxy() throws IOException, InterruptedException {
        if (listening(BARE_PROXY_PORT)) {
            throw new IllegalStateException("port " + BARE_PROXY_PORT + " is taken, the bare proxy needs it: `ss -ltnp"
                    + " sport = :" + BARE_PROXY_PORT + "` shows by what");
        }
        var log = logs().resolve("bare-proxy.log");
        var java = ProcessHandle.current().info().command().orElse("java");
        var process = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-Xms32m",
                        "-Xmx512m",
                        "-Xss512k",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BareProxy.class.getName(),
                        Integer.toString(BARE_PROXY_PORT),
                        CASE_SERVICE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A benchmark stopped with Ctrl-C must not leave the proxy holding its port for the next run.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!listening(BARE_PROXY_PORT)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException("the bare proxy did not listen on port " + BARE_PROXY_PORT
                        + " within 30 s; its output is in " + log);
            }
            Thread.sleep(100);
        }
        pids.put(BARE_PROXY_PART, process.pid());
        return process;
    }

    private static boolean listening(int port) {
        try (var probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }

    /** Where the launcher writes each part's log ({@code --logs}). */
    private Path logs() {
        return Path.of(options.getOrDefault("logs", ".amends/logs"));
    }

    /** Start-up from the launcher's records and the services' logs; idle resident memory now, before any load. */
    private Map<String, Results.Service> services() throws IOException {
        var result = new LinkedHashMap<String, Results.Service>();
        var run = Path.of(options.getOrDefault("run", ".amends/run"));
        var logs = logs();
        for (var service : OURS) {
            var startup = run.resolve(service + ".startup-ms");
            var launchToHealthy = Files.exists(startup)
                    ? Long.parseLong(Files.readString(startup).trim())
                    : -1;
            var bootSeconds = -1.0;
            var log = logs.resolve(service + ".log");
            if (Files.exists(log)) {
                var matcher = STARTED.matcher(Files.readString(log));
                if (matcher.find()) {
                    bootSeconds = Double.parseDouble(matcher.group(1));
                }
            }
            var pid = pids.get(service);
            result.put(
                    service, new Results.Service(launchToHealthy, bootSeconds, pid == null ? 0 : Platform.rssMiB(pid)));
        }
        return result;
    }

    private Results.Step step(String series, String baseUrl, LoadPlan.Mix mix, double rate, Duration duration)
            throws InterruptedException {
        awaitDrained(Duration.ofSeconds(60));
        var latencies = new Latencies();
        LoadPlan.set(new LoadPlan(baseUrl, mix, rate, duration, keycloak.tokens(), latencies));
        var load = Platform.loadAverage()[0];
        var before = Cores.Reading.now(pids);
        var from = Instant.now();
        var status = Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation", ContactCentreSimulation.class.getName(),
            "--results-folder",
                    Path.of(System.getProperty("java.io.tmpdir"), "amends-gatling")
                            .toString(),
            "--no-reports"
        });
        var to = Instant.now();
        var after = Cores.Reading.now(pids);
        var parts = after.millisSince(before);
        var cpu = OURS.stream().mapToDouble(s -> parts.getOrDefault(s, 0.0)).sum();
        var machine = after.machineMillis() - before.machineMillis();
        if (status != 0) {
            throw new IllegalStateException("Gatling ended with status " + status);
        }
        var queued = queued();
        var outbox = unpublished();
        var drain = drainSeconds(to);
        var stats = latencies.stats();
        var accepted = 0L;
        for (var entry : stats.entrySet()) {
            if (entry.getKey().startsWith("intake")) {
                accepted +=
                        entry.getValue().latency().count() - entry.getValue().errors();
            }
        }
        // Cases the step opened, and how long insight took to apply each one's case.opened event.
        var lags = platform.eventLagMillis(from, to.plusSeconds(1));
        return new Results.Step(
                series,
                rate,
                duration.toSeconds(),
                load,
                stats,
                latencies.errorsByStatus(),
                accepted,
                cpu,
                machine,
                parts,
                queued,
                outbox,
                drain,
                Percentiles.of(lags),
                Math.max(0, accepted - lags.length));
    }

    /** Seconds until every queue of ours and every outbox is empty; -1 when that takes longer than the wait. */
    private double awaitDrained(Duration wait) throws InterruptedException {
        var start = System.nanoTime();
        while (System.nanoTime() - start < wait.toNanos()) {
            if (drained()) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private boolean drained() {
        return queued() == 0 && unpublished() == 0;
    }

    /** Messages in all our queues, as RabbitMQ's management API last counted them. */
    private long queued() {
        return platform.queueDepths().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Unpublished outbox rows in all our services. */
    private long unpublished() {
        return platform.outboxBacklog().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /**
     * Seconds from the load stopping until the last event applied after it was taken by its consumer; -1 when queues
     * and outboxes are not empty within a minute. RabbitMQ's management API counts a queue's messages every {@code
     * collect_statistics_interval} (5 s by default), so its depths are up to 5 s old: read alone, they say "drained" up
     * to 5 s late, or early where a queue is empty between messages at a low rate. So empty queues and outboxes are
     * confirmed by a second reading after that interval, and the time is read from the consumers' inboxes ({@link
     * Platform#lastEventApplied}).
     */
    private double drainSeconds(Instant stopped) throws InterruptedException {
        var deadline = stopped.plusSeconds(60);
        do {
            var left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || awaitDrained(left) < 0) {
                return -1;
            }
            Thread.sleep(STATISTICS_INTERVAL.toMillis());
        } while (!drained());
        return platform.lastEventApplied(stopped, Instant.now())
                .map(last -> Math.max(0, Duration.between(stopped, last).toNanos() / 1e9))
                .orElse(0.0);
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
