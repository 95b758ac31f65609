package org.amends.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The bulk path of issue #11 ({@code ./amends bench --incident [N]}): one incident, N affected customers streamed in
 * as NDJSON through the gateway by a supervisor, the import job polled until {@code COMPLETED}, and N
 * {@code amends.case.acknowledged.v1} events counted as RabbitMQ confirms them (case-service's outbox). Beside
 * it, live intake at a fixed low rate (an open model: requests leave on schedule whether or not earlier ones were
 * answered), measured first alone and then during the import; each service's memory is followed throughout
 * ({@link MemoryTimeline}): its peak, a timeline, and its live heap (counted in a full collection) before the import
 * and when its events are published, and with {@code --memory-checkpoints} at each quarter of the job and at its end.
 */
final class IncidentBench {

    private static final Duration WARM_UP = Duration.ofSeconds(30);
    /**
     * The warm-up import: a twentieth of the measured one's customers, between 2,000 and 10,000, numbered from 100,000,001
     * so the measured import finds none of them already known.
     */
    private static final int WARM_UP_IMPORT_MIN = 2_000;

    private static final int WARM_UP_IMPORT_MAX = 10_000;
    private static final int WARM_UP_FIRST_CUSTOMER = 100_000_001;

    /**
     * Live intake alone before the import: 600 answers at 10/s, so its p99 is the sixth slowest. With 30 s (300
     * answers, the third slowest) the baseline's p99 itself ranged 34.9-57.3 ms over eight runs on one machine, as
     * wide as the 25 % the import is allowed. Live intake alone for 60 s (benchmark/scripts/LiveProbe.java) ranged
     * 27.4-37.3 ms over seven runs on that machine (benchmark/results/HISTORY.md, 2026-12-07).
     */
    private static final Duration BASELINE = Duration.ofSeconds(60);

    private static final Duration GIVE_UP = Duration.ofMinutes(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final Platform platform = new Platform();
    private final String gateway;
    private final String caseDatabase;
    private final Keycloak keycloak;
    private final Map<String, Long> pids;
    private final int customers;
    private final double liveRate;
    private final boolean quarterCheckpoints;

    IncidentBench(
            String gateway,
            String caseDatabase,
            Keycloak keycloak,
            Map<String, Long> pids,
            int customers,
            double liveRate,
            boolean quarterCheckpoints) {
        this.gateway = gateway;
        this.caseDatabase = caseDatabase;
        this.keycloak = keycloak;
        this.pids = pids;
        this.customers = customers;
        this.liveRate = liveRate;
        this.quarterCheckpoints = quarterCheckpoints;
    }

    /** What one run measured. */
    record Result(
            int customers,
            double liveRate,
            double uploadSeconds,
            double jobSeconds,
            double acknowledgedSeconds,
            long acknowledged,
            Map<String, Object> job,
            Map<String, Double> idleRssMiB,
            Map<String, Double> peakRssMiB,
            List<MemoryTimeline.Checkpoint> memoryCheckpoints,
            List<MemoryTimeline.Sample> memorySamples,
            Percentiles liveBefore,
            Percentiles liveDuring,
            Percentiles liveWhileJobRan,
            Percentiles liveAfterJob,
            long liveErrorsBefore,
            long liveErrorsDuring,
            double importYieldedSeconds,
            double bulkHeldSeconds,
            Map<String, Long> queuesAfter,
            List<Cores.Phase> cores,
            double[] loadAverageBefore,
            double[] loadAverageAfter) {}

    Result run() throws Exception {
        var loadBefore = Platform.loadAverage();
        // Tokens live minutes and a run may last longer: fresh ones every minute.
        var supervisorToken = new AtomicReference<>(keycloak.password("supervisor1"));
        var tokens = new AtomicReference<>(keycloak.tokens());
        var refresher = Executors.newSingleThreadScheduledExecutor();
        refresher.scheduleAtFixedRate(
                () -> {
                    try {
                        supervisorToken.set(keycloak.password("supervisor1"));
                        tokens.set(keycloak.tokens());
                    } catch (RuntimeException e) {
                        say("  could not refresh tokens: %s", e);
                    }
                },
                60,
                60,
                TimeUnit.SECONDS);
        var supervisor = supervisorToken.get();
        var idle = new LinkedHashMap<String, Double>();
        pids.forEach((service, pid) -> idle.put(service, Platform.rssMiB(pid)));

        var memory = new MemoryTimeline(pids);
        memory.start();

        try (var caseDb = Platform.database(caseDatabase)) {
            // Until the outbox is empty only whether anything waits is polled (one probe of the partial index of
            // unpublished rows), and how many only every 20 s for the progress line: counting the published events
            // scans the whole grown outbox (2 s a call at 100,000 cases), and even counting the unpublished ones
            // took 120-180 ms with 200,000 waiting; polled every 200 ms, the benchmark's own statements were a good
            // part of a core of PostgreSQL (pg_stat_statements, 2026-12-05), slowing what it measured.
            var backlogQuery = caseDb.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
            var waitingQuery =
                    caseDb.prepareStatement("SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL)");
            var live = new LiveIntake(tokens);
            live.start();
            // Cold services answer the first requests slowly (JIT, pools) and may trip the gateway's breaker: a
            // warm-up that is not reported, then until a call goes through again.
            say("warm-up (not reported): live intake at %.0f/s for %ds", liveRate, WARM_UP.toSeconds());
            Thread.sleep(WARM_UP.toMillis());
            awaitAnswering(supervisorToken);
            // The import's own paths (and the consumers' for its events) are as cold as intake was: the first run
            // on a fresh platform took 15-20 % longer than the next. A small import of other customers, not
            // reported, until every event of it is applied.
            warmUpImport(supervisorToken.get(), waitingQuery);
            // Outside every measured window: the pause of a full collection is in none of them.
            memory.checkpoint("before the import");
            // case.acknowledged events are counted in case-service's outbox once RabbitMQ has confirmed them
            // (published_at is set only then), from the outbox position after the warm-up: live intake acknowledges
            // nothing, so every one counted is the measured import's.
            long startPosition;
            try (var st = caseDb.createStatement();
                    var rs = st.executeQuery("SELECT COALESCE(max(position), 0) FROM outbox")) {
                rs.next();
                startPosition = rs.getLong(1);
            }
            var acknowledgedQuery = caseDb.prepareStatement("""
                    SELECT count(*), max(published_at) FROM outbox
                    WHERE position > ? AND event_type = 'amends.case.acknowledged.v1' AND published_at IS NOT NULL""");
            acknowledgedQuery.setLong(1, startPosition);
            live.phase("baseline");
            say("live intake at %.0f/s through the gateway; %ds alone first", liveRate, BASELINE.toSeconds());
            Thread.sleep(BASELINE.toMillis());
            var before = live.phase("during");

            var incident = declareIncident(supervisor);
            say("incident %s declared; uploading %,d affected customers as NDJSON", incident, customers);
            var start = System.nanoTime();
            var uploadStarted = Instant.now();
            var atUpload = Cores.Reading.now(pids);
            var location = upload(incident, customers, 1, supervisor);
            var uploadSeconds = seconds(start);
            say("  accepted in %.1f s (%s)", uploadSeconds, location);

            Map<String, Object> job;
            var deadline = System.nanoTime() + GIVE_UP.toNanos();
            var quarter = 1;
            for (var poll = 0; ; poll++) {
                job = getJson(gateway + location, supervisorToken.get());
                var processed = ((Number) job.get("processed")).longValue();
                memory.processed(processed);
                var state = String.valueOf(job.get("state"));
                if (state.equals("COMPLETED") || state.equals("FAILED")) {
                    break;
                }
                if (quarterCheckpoints && quarter < 4 && processed * 4 >= (long) quarter * customers) {
                    // Labelled with where the job is: a 2 s poll can pass more than one quarter.
                    var at = processed * 100 / customers + " % of the job";
                    var checkpoint = memory.checkpoint(at);
                    say("  memory at %s: live heap %s MiB", at, rounded(checkpoint.liveHeapMiB()));
                    while (quarter < 4 && processed * 4 >= (long) quarter * customers) {
                        quarter++;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not complete in " + GIVE_UP + ": " + job);
                }
                var waiting = poll % 10 == 0
                        ? String.format(", %,d events waiting in the outbox", backlog(backlogQuery))
                        : "";
                say(
                        "  %5.0f s: %s, %s of %s processed%s",
                        seconds(start), state, job.get("processed"), job.get("total"), waiting);
                Thread.sleep(2_000);
            }
            var jobSeconds = seconds(start);
            var atJobEnd = Cores.Reading.now(pids);
            // The window splits where the job ends: its import against the consumers' share of the work after it.
            var whileJobRan = live.phase("after the job");
            say("  job %s after %.1f s: %s", job.get("state"), jobSeconds, job);
            if (quarterCheckpoints) {
                memory.checkpoint("job " + job.get("state"));
            }
            var created = ((Number) job.get("created")).longValue();
            while (waiting(waitingQuery) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            var acknowledged = count(acknowledgedQuery);
            while (acknowledged.count() < created && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                acknowledged = count(acknowledgedQuery);
            }
            // The last confirm's own time, not when this loop noticed it.
            var acknowledgedSeconds = acknowledged.last() == null
                    ? seconds(start)
                    : Duration.between(uploadStarted, acknowledged.last()).toNanos() / 1e9;
            say("  %,d case.acknowledged published after %.1f s", acknowledged.count(), acknowledgedSeconds);
            var atEnd = Cores.Reading.now(pids);
            var afterJob = live.stop();
            var end = memory.checkpoint("all case.acknowledged published");
            say("  memory then: live heap %s MiB", rounded(end.liveHeapMiB()));
            var during = whileJobRan.and(afterJob);
            // What the import left the consumers, and how long it and its events gave way to live intake.
            var queuesAfter = platform.queueDepths();
            var yielded = platform.metric("case-service", "amends_incidents_import_yielded_seconds_total");
            var held = platform.metric("case-service", "amends_outbox_bulk_held_seconds_total");
            memory.stop();
            refresher.shutdownNow();
            job.remove("rejectedLines");
            return new Result(
                    customers,
                    liveRate,
                    uploadSeconds,
                    jobSeconds,
                    acknowledgedSeconds,
                    acknowledged.count(),
                    job,
                    idle,
                    memory.peaks(),
                    memory.checkpoints(),
                    memory.samples(),
                    Percentiles.of(before.latencies()),
                    Percentiles.of(during.latencies()),
                    Percentiles.of(whileJobRan.latencies()),
                    Percentiles.of(afterJob.latencies()),
                    before.errors(),
                    during.errors(),
                    yielded,
                    held,
                    queuesAfter,
                    List.of(
                            Cores.Phase.between("while the job ran", atUpload, atJobEnd),
                            // Until this loop saw the last acknowledgement published (up to a second after it).
                            Cores.Phase.between("after it, until the last case.acknowledged", atJobEnd, atEnd)),
                    loadBefore,
                    Platform.loadAverage());
        }
    }

    /** Uploads {@code count} affected customers numbered from {@code first} to an incident; returns the job's location. */
    private String upload(String incident, int count, int first, String token) throws Exception {
        var upload = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/incidents/" + incident + "/affected"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new AffectedList(count, first)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("the upload was answered " + upload.statusCode() + ": " + upload.body());
        }
        return upload.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A small import on an incident of its own, beside live intake, until its job is done, its events are published
     * and every consumer queue is empty: the import's and the consumers' code compiled and their pools filled before
     * anything is measured.
     */
    private void warmUpImport(String token, PreparedStatement waitingQuery) throws Exception {
        var size = Math.clamp(customers / 20, WARM_UP_IMPORT_MIN, WARM_UP_IMPORT_MAX);
        say("warm-up (not reported): an import of %,d other customers, until its events are applied", size);
        var location = upload(declareIncident(token), size, WARM_UP_FIRST_CUSTOMER, token);
        var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!String.valueOf(getJson(gateway + location, token).get("state")).equals("COMPLETED")
                || waiting(waitingQuery)
                || platform.queueDepths().values().stream().anyMatch(depth -> depth > 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up import was not applied within 10 minutes");
            }
            Thread.sleep(1_000);
        }
    }

    private record Acknowledged(long count, @Nullable Instant last) {}

    private static Acknowledged count(PreparedStatement query) throws SQLException {
        try (var rs = query.executeQuery()) {
            rs.next();
            var last = rs.getTimestamp(2);
            return new Acknowledged(rs.getLong(1), last == null ? null : last.toInstant());
        }
    }

    private static boolean waiting(PreparedStatement query) throws SQLException {
        try (var rs = query.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long backlog(PreparedStatement query) throws SQLException {
        try (var rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Writes {@code summary.md} and {@code results.json} for a run. */
    void write(Result result, Path folder) throws IOException {
        Files.createDirectories(folder);
        json.enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("results.json").toFile(), result);
        var md = new StringBuilder();
        md.append("# Bulk import: ")
                .append(String.format(Locale.ROOT, "%,d", result.customers()))
                .append(" affected customers\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Load average before %.2f %.2f %.2f, after %.2f %.2f %.2f (2 cores shared with the services, "
                        + "PostgreSQL, RabbitMQ, Keycloak and this generator).%n%n",
                result.loadAverageBefore()[0],
                result.loadAverageBefore()[1],
                result.loadAverageBefore()[2],
                result.loadAverageAfter()[0],
                result.loadAverageAfter()[1],
                result.loadAverageAfter()[2]));
        md.append("| measure | value |\n| --- | --- |\n");
        row(md, "upload accepted (202) after", "%.1f s", result.uploadSeconds());
        row(md, "job COMPLETED after", "%.1f s", result.jobSeconds());
        row(md, "all case.acknowledged published after", "%.1f s", result.acknowledgedSeconds());
        row(md, "case.acknowledged counted", "%,d", result.acknowledged());
        row(
                md,
                "import rate (cases acknowledged per second)",
                "%.0f /s",
                result.acknowledged() / result.acknowledgedSeconds());
        row(
                md,
                "job: created / duplicates / rejected",
                "%s / %s / %s",
                result.job().get("created"),
                result.job().get("duplicates"),
                result.job().get("rejected"));
        row(md, "import waited for live intake (in all)", "%.1f s", result.importYieldedSeconds());
        row(md, "relay held the import's events back (in all)", "%.1f s", result.bulkHeldSeconds());
        row(
                md,
                "left for the consumers when the last case.acknowledged was published",
                "%s",
                result.queuesAfter().entrySet().stream()
                        .filter(queue -> !queue.getKey().endsWith(".dlq"))
                        .map(queue -> String.format(Locale.ROOT, "%s %,d", queue.getKey(), queue.getValue()))
                        .collect(Collectors.joining(", ")));
        row(md, "target", "%s", "≤ 60 s for 100,000; live p99 within 25 %");
        md.append("\n## Live intake beside it\n\n");
        md.append(String.format(
                Locale.ROOT, "POST /api/cases through the gateway at %.0f/s, open model.%n%n", result.liveRate()));
        md.append("| phase | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        live(md, "alone, " + BASELINE.toSeconds() + " s before", result.liveBefore(), result.liveErrorsBefore());
        live(md, "during the import", result.liveDuring(), result.liveErrorsDuring());
        // Errors are counted for the whole window only.
        live(md, "… while the job ran", result.liveWhileJobRan(), null);
        live(md, "… after it, until the last case.acknowledged", result.liveAfterJob(), null);
        var p99Change = result.liveBefore().p99() == 0
                ? 0
                : (result.liveDuring().p99() / result.liveBefore().p99() - 1) * 100;
        md.append(String.format(Locale.ROOT, "%np99 during vs before: %+.0f %%%n", p99Change));
        md.append(Cores.markdown(result.cores(), Runtime.getRuntime().availableProcessors()));
        md.append(MemoryTimeline.markdown(
                result.idleRssMiB(),
                result.peakRssMiB(),
                result.memoryCheckpoints(),
                result.memorySamples(),
                result.customers()));
        Files.writeString(folder.resolve("summary.md"), md);
    }

    private static void row(StringBuilder md, String name, String format, Object... values) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, values))
                .append(" |\n");
    }

    private static void live(StringBuilder md, String phase, Percentiles p, @Nullable Long errors) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %.1f | %.1f | %.1f | %.1f |%n",
                phase,
                p.count(),
                errors == null ? "" : errors,
                p.p50(),
                p.p95(),
                p.p99(),
                p.max()));
    }

    private void awaitAnswering(AtomicReference<String> token) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(gateway + "/api/incidents?limit=1"))
                                .header("Authorization", "Bearer " + token.get())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the gateway did not pass calls to case-service within 2 minutes");
    }

    private String declareIncident(String token) throws Exception {
        var body = Map.of(
                "title",
                "Benchmark: the billing run charged twice",
                "product",
                "bench-" + UUID.randomUUID(),
                "errorKind",
                "CALCULATION",
                "statement",
                Map.of(
                        "en", "Our billing run charged you twice. We are refunding the second charge.",
                        "es", "Nuestra facturación le cobró dos veces. Le devolvemos el segundo cargo."));
        var response = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/incidents"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "declaring the incident was answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).get("id").asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> getJson(String url, String token) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readValue(response.body(), LinkedHashMap.class);
    }

    private static String rounded(Map<String, Double> mib) {
        return mib.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }

    /**
     * N affected customers as NDJSON, numbered from {@code first}, generated as it is read: the generator holds one
     * line at a time, so it can stream a million without a million of anything.
     */
    static final class AffectedList extends InputStream {

        private final int last;
        private int next;
        private byte[] line = new byte[0];
        private int position;

        AffectedList(int count, int first) {
            this.next = first;
            this.last = first + count - 1;
        }

        static String line(int i) {
            var spanish = i % 3 == 0;
            return "{\"customerRef\":\"CUST-" + i + "\",\"name\":\"" + (spanish ? "Cliente " : "Customer ") + i
                    + "\",\"email\":\"customer" + i + "@example.com\",\"locale\":\"" + (spanish ? "es" : "en")
                    + "\",\"orderRef\":\"INV-" + i + "\",\"amountMinor\":" + (1000 + i % 5000)
                    + ",\"currency\":\"EUR\"}\n";
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return line[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            var written = 0;
            while (written < length && fill()) {
                var n = Math.min(length - written, line.length - position);
                System.arraycopy(line, position, buffer, offset + written, n);
                position += n;
                written += n;
            }
            return written == 0 ? -1 : written;
        }

        private boolean fill() {
            if (position < line.length) {
                return true;
            }
            if (next > last) {
                return false;
            }
            line = line(next++).getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }

    /** Live intake at a fixed rate, its latencies kept by phase. */
    private final class LiveIntake {

        record Phase(double[] latencies, long errors) {

            Phase and(Phase next) {
                return new Phase(
                        java.util.stream.DoubleStream.concat(
                                        java.util.Arrays.stream(latencies), java.util.Arrays.stream(next.latencies))
                                .toArray(),
                        errors + next.errors);
            }
        }

        private final AtomicReference<LoadPlan.Tokens> tokens;
        private final AtomicReference<ConcurrentLinkedQueue<Double>> latencies =
                new AtomicReference<>(new ConcurrentLinkedQueue<>());
        private final AtomicReference<AtomicLong> errors = new AtomicReference<>(new AtomicLong());
        private final java.util.concurrent.ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor();

        LiveIntake(AtomicReference<LoadPlan.Tokens> tokens) {
            this.tokens = tokens;
        }

        void start() {
            var period = (long) (1_000_000 / liveRate);
            timer.scheduleAtFixedRate(this::send, 0, period, TimeUnit.MICROSECONDS);
        }

        /** Ends the current phase and returns it; later requests count towards the next. */
        Phase phase(String next) {
            var done = latencies.getAndSet(new ConcurrentLinkedQueue<>());
            var failed = errors.getAndSet(new AtomicLong());
            return new Phase(done.stream().mapToDouble(Double::doubleValue).toArray(), failed.get());
        }

        Phase stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            // Answers still on their way belong to this phase.
            Thread.sleep(2_000);
            return phase("end");
        }

        private void send() {
            var complaint = Complaints.next();
            var current = tokens.get();
            var token = complaint.byPartner() ? current.acme() : current.agent();
            var queue = latencies.get();
            var failed = errors.get();
            var start = System.nanoTime();
            http.sendAsync(
                            HttpRequest.newBuilder(URI.create(gateway + "/api/cases"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(complaint.json()))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        queue.add((System.nanoTime() - start) / 1e6);
                        if (error != null || response.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    });
        }
    }
}
