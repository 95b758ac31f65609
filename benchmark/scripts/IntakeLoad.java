// A closed-loop intake load for profiling one service with JFR (not the benchmark: no latency targets, no report).
// Usage: java benchmark/scripts/IntakeLoad.java http://localhost:18071 TOKEN REQUESTS CONCURRENCY
// Every request opens a new case with its own Idempotency-Key; prints the statuses seen and the rate.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

void main(String[] args) throws Exception {
    var base = args[0];
    var token = args[1];
    var requests = Integer.parseInt(args[2]);
    var concurrency = Integer.parseInt(args[3]);
    var http = HttpClient.newHttpClient();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    var permits = new Semaphore(concurrency);
    var started = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (var i = 0; i < requests; i++) {
            permits.acquire();
            var n = i;
            executor.submit(() -> {
                try {
                    var body = """
                            {"channel":"PARTNER","customer":{"name":"Lucía Pérez %d","email":"lucia%d@example.com","locale":"es"},\
                            "product":"billing","errorKind":"CALCULATION","summary":"Charged twice","description":\
                            "The March invoice was charged twice.","impact":"HIGH","orderReference":"ORD-%d"}"""
                            .formatted(n % 500, n % 500, n);
                    var response = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/cases"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    // An answer that never comes is counted (as -1), not waited for forever.
                                    .timeout(java.time.Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                } finally {
                    permits.release();
                }
                return null;
            });
        }
    }
    var seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("%d requests in %.1f s (%.0f/s), statuses %s%n", requests, seconds, requests / seconds, statuses);
}
