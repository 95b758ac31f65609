package org.amends.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one load step measured, per request type: each answer's latency, and the answers that were errors (a status
 * other than the expected one, or no answer at all). Filled by the simulation's virtual users, read after the step.
 */
final class Latencies {

    private final Map<String, ConcurrentLinkedQueue<Double>> millis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errorsByStatus = new ConcurrentHashMap<>();

    void ok(String request, double latencyMillis) {
        millis.computeIfAbsent(request, r -> new ConcurrentLinkedQueue<>()).add(latencyMillis);
    }

    void error(String request, double latencyMillis, String status) {
        ok(request, latencyMillis);
        errors.computeIfAbsent(request, r -> new AtomicLong()).incrementAndGet();
        errorsByStatus
                .computeIfAbsent(request + " → " + status, r -> new AtomicLong())
                .incrementAndGet();
    }

    /** Per request type (sorted by name), with "all" for every request together. */
    Map<String, RequestStats> stats() {
        var result = new TreeMap<String, RequestStats>();
        var all = new java.util.ArrayList<Double>();
        var allErrors = 0L;
        for (var entry : millis.entrySet()) {
            var values =
                    entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            var failed = errors.getOrDefault(entry.getKey(), new AtomicLong()).get();
            result.put(entry.getKey(), new RequestStats(Percentiles.of(values), failed));
            entry.getValue().forEach(all::add);
            allErrors += failed;
        }
        result.put(
                "all",
                new RequestStats(
                        Percentiles.of(
                                all.stream().mapToDouble(Double::doubleValue).toArray()),
                        allErrors));
        return result;
    }

    Map<String, Long> errorsByStatus() {
        var result = new TreeMap<String, Long>();
        errorsByStatus.forEach((key, count) -> result.put(key, count.get()));
        return result;
    }

    /** One request type's latencies and how many of its answers were errors. */
    record RequestStats(Percentiles latency, long errors) {}
}
