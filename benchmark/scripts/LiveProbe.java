// Live intake on its own, open model: RATE requests a second for SECONDS, then p50/p95/p99/max of the answers.
// Not the benchmark (no report, no targets): a probe of what one kind of background work costs live intake on this
// box. Run it alone, then beside the work in question (a busy loop in a session of its own, a WAL writer, an import),
// on a platform started with ./amends up:
//   TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=acme-partner -d client_secret=acme-secret \
//     http://localhost:8180/realms/amends/protocol/openid-connect/token | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
//   java --class-path benchmark/target/classes benchmark/scripts/LiveProbe.java http://localhost:8080 $TOKEN 10 60
// (the benchmark's classes, built by ./amends bench or ./mvnw -pl benchmark package, give it the report's percentiles)
// A WAL writer at about an import's rate, 15 MB a second (pgbench, one client, 17 transactions a second of 1,000 rows):
//   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE amends_scratch'
//   psql -h 127.0.0.1 -U postgres -d amends_scratch -c 'CREATE TABLE w (id bigserial PRIMARY KEY, t text)'
//   echo "INSERT INTO w (t) SELECT md5(random()::text) || repeat('x', 700) FROM generate_series(1, 1000);" > /tmp/w.sql
//   pgbench -h 127.0.0.1 -U postgres -n -f /tmp/w.sql -c 1 -R 17 -T 62 amends_scratch &
// With 600 answers, p99 is the sixth slowest: compare runs, not single figures.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amends.benchmark.Percentiles;

void main(String[] args) throws Exception {
    var base = args[0];
    var token = args[1];
    var rate = Double.parseDouble(args[2]);
    var seconds = Integer.parseInt(args[3]);
    var http = HttpClient.newHttpClient();
    var millis = new ConcurrentLinkedQueue<Double>();
    var errors = new AtomicInteger();
    var sent = new AtomicInteger();
    var timer = Executors.newSingleThreadScheduledExecutor();
    timer.scheduleAtFixedRate(
            () -> {
                var n = sent.incrementAndGet();
                var body = """
                        {"channel":"PARTNER","customer":{"name":"Probe %d","email":"probe%d@example.com","locale":"en"},\
                        "product":"billing","errorKind":"CALCULATION","summary":"Charged twice","description":\
                        "The March invoice was charged twice.","impact":"HIGH","orderReference":"ORD-P%d"}"""
                        .formatted(n % 500, n % 500, n);
                var started = System.nanoTime();
                http.sendAsync(
                                HttpRequest.newBuilder(URI.create(base + "/api/cases"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .header("Idempotency-Key", UUID.randomUUID().toString())
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            if (failure != null || response.statusCode() >= 300) {
                                errors.incrementAndGet();
                            } else {
                                millis.add((System.nanoTime() - started) / 1e6);
                            }
                        });
            },
            0,
            (long) (1_000_000 / rate),
            TimeUnit.MICROSECONDS);
    Thread.sleep(seconds * 1000L);
    timer.shutdownNow();
    // Answers still on their way count.
    Thread.sleep(2_000);
    var answers = Percentiles.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    if (answers.count() == 0) {
        System.out.printf("no answers, %d errors%n", errors.get());
        System.exit(1);
    }
    System.out.printf(
            "%d answers, %d errors: p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f%n",
            answers.count(),
            errors.get(),
            answers.p50(),
            answers.p95(),
            answers.p99(),
            answers.max());
}
