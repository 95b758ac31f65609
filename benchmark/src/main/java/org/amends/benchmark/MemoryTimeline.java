package org.amends.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each service's memory through a long run, to tell a bounded import from a leak (issue #11: "1,000,000 must complete
 * with flat memory"). Resident memory alone cannot: a JVM's heap grows towards its limit ({@code -Xmx512m}) whenever
 * garbage outpaces collection, leak or not. So beside {@code VmRSS} (every 200 ms for its peak, every 5 s for the
 * timeline with the job's progress, all from {@code /proc}) there are checkpoints: each service's live heap, the
 * bytes of the objects a full collection keeps, counted in that collection's own pause ({@code jcmd <pid>
 * GC.class_histogram}, its total). Reading the heap after a separate {@code GC.run} is not the same: an import allocates
 * tens of MiB in the fraction of a second before the read. A bounded import keeps about the same live heap from
 * checkpoint to checkpoint; a leak grows it with the cases. Nothing here scrapes the services' Prometheus endpoints:
 * a scrape evaluates every gauge, and the outbox's backlog gauge counts the unpublished rows, which cost PostgreSQL
 * up to 1.7 s a scrape with 2,000,000 of them waiting (the lag gauge as much again, before it read the index).
 */
final class MemoryTimeline {

    private static final double MIB = 1024.0 * 1024.0;

    /** One timeline sample: seconds since {@link #start()}, the job's processed count, per service MiB. */
    record Sample(double seconds, long processed, Map<String, Double> rssMiB) {}

    /**
     * Each service's live heap at one point of the run, its resident memory then, and how long the count took (jcmd's
     * start, the collection and the count), per service.
     */
    record Checkpoint(
            String at,
            double seconds,
            long processed,
            Map<String, Double> liveHeapMiB,
            Map<String, Double> rssMiB,
            Map<String, Double> countMillis) {}

    private final Map<String, Long> pids;
    private final Map<String, Double> peaks = new ConcurrentHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final AtomicLong processed = new AtomicLong();
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private long startNanos;

    MemoryTimeline(Map<String, Long> pids) {
        this.pids = pids;
    }

    void start() {
        startNanos = System.nanoTime();
        sampler.scheduleAtFixedRate(
                () -> pids.forEach((service, pid) -> peaks.merge(service, Platform.rssMiB(pid), Math::max)),
                0,
                200,
                TimeUnit.MILLISECONDS);
        sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    /** The job's progress, for the samples and checkpoints that follow. */
    void processed(long count) {
        processed.set(count);
    }

    /** Each service's live heap, counted in a full collection; the run's own pace waits for it. */
    Checkpoint checkpoint(String at) {
        var heap = new LinkedHashMap<String, Double>();
        var rss = new LinkedHashMap<String, Double>();
        var took = new LinkedHashMap<String, Double>();
        pids.forEach((service, pid) -> {
            var start = System.nanoTime();
            heap.put(service, liveBytes(pid) / MIB);
            took.put(service, (System.nanoTime() - start) / 1e6);
            rss.put(service, Platform.rssMiB(pid));
        });
        var checkpoint = new Checkpoint(at, seconds(), processed.get(), heap, rss, took);
        synchronized (checkpoints) {
            checkpoints.add(checkpoint);
        }
        return checkpoint;
    }

    void stop() {
        sampler.shutdownNow();
    }

    Map<String, Double> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    List<Checkpoint> checkpoints() {
        synchronized (checkpoints) {
            return List.copyOf(checkpoints);
        }
    }

    private void sample() {
        var rss = new LinkedHashMap<String, Double>();
        pids.forEach((service, pid) -> rss.put(service, Platform.rssMiB(pid)));
        synchronized (samples) {
            samples.add(new Sample(seconds(), processed.get(), rss));
        }
    }

    /** The bytes of live objects in a process's heap: a full collection and a count of what it kept, in one pause. */
    private long liveBytes(long pid) {
        try {
            var process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed: " + output);
            }
            return histogramTotal(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a class histogram's {@code Total} line ({@code Total  <instances>  <bytes>}). */
    static long histogramTotal(String histogram) {
        var lines = histogram.lines().toList();
        for (var i = lines.size() - 1; i >= 0; i--) {
            var fields = lines.get(i).trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException(
                "no Total line in the class histogram: " + histogram.substring(0, Math.min(200, histogram.length())));
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * The Markdown section: resident memory before and at its peak, the live heap at each checkpoint
     * with its change from the first checkpoint during the job, and resident memory at each tenth of the job.
     */
    static String markdown(
            Map<String, Double> before,
            Map<String, Double> peaks,
            List<Checkpoint> checkpoints,
            List<Sample> samples,
            long total) {
        var md = new StringBuilder("\n## Memory\n\n");
        md.append("Resident memory (VmRSS, MiB):\n\n| process | before | peak during |\n| --- | ---: | ---: |\n");
        before.forEach((service, rss) -> md.append(
                String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", service, rss, peaks.getOrDefault(service, 0.0))));
        if (!checkpoints.isEmpty()) {
            md.append("\nLive heap (what a full collection keeps, `jcmd <pid> GC.class_histogram`), MiB, and resident"
                    + " memory then:\n\n| at |");
            before.keySet().forEach(service -> md.append(' ').append(service).append(" |"));
            md.append("\n| --- |");
            before.keySet().forEach(service -> md.append(" ---: |"));
            md.append('\n');
            var first = checkpoints.stream()
                    .filter(c -> c.processed() > 0)
                    .findFirst()
                    .orElse(checkpoints.getFirst());
            for (var checkpoint : checkpoints) {
                md.append("| ").append(checkpoint.at()).append(" |");
                before.keySet().forEach(service -> {
                    var heap = checkpoint.liveHeapMiB().getOrDefault(service, 0.0);
                    var change = checkpoint == first || checkpoint.processed() == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " (%+d %%)",
                                    Math.round((heap / first.liveHeapMiB().getOrDefault(service, heap) - 1) * 100));
                    md.append(String.format(
                            Locale.ROOT,
                            " %.0f%s, RSS %.0f |",
                            heap,
                            change,
                            checkpoint.rssMiB().getOrDefault(service, 0.0)));
                });
                md.append('\n');
            }
            md.append("\nChanges are against the first checkpoint after the job began.\n");
        }
        if (total > 0 && !samples.isEmpty()) {
            md.append("\nResident memory (MiB) as the job went (the first sample at or past each tenth):\n\n| job |");
            before.keySet().forEach(service -> md.append(' ').append(service).append(" |"));
            md.append("\n| ---: |");
            before.keySet().forEach(service -> md.append(" ---: |"));
            md.append('\n');
            var next = 1;
            for (var sample : samples) {
                if (next <= 10 && sample.processed() * 10 >= next * total) {
                    md.append(String.format(Locale.ROOT, "| %d %% |", sample.processed() * 100 / total));
                    before.keySet()
                            .forEach(service -> md.append(String.format(
                                    Locale.ROOT, " %.0f |", sample.rssMiB().getOrDefault(service, 0.0))));
                    md.append('\n');
                    while (next <= 10 && sample.processed() * 10 >= next * total) {
                        next++;
                    }
                }
            }
        }
        return md.toString();
    }
}
