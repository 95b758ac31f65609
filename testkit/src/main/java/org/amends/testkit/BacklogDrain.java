package org.amends.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Times how fast a service's consumers drain a backlog queued while they were stopped (benchmark/scripts/
 * consumer-drain.sh): waits until the queue holds {@code events}, starts the consumers, and waits until the inbox has
 * applied as many more. The figures are this JVM's own: wall time and CPU ({@code /proc/self/stat}).
 */
public final class BacklogDrain {

    /** What one drain took. */
    public record Figures(long events, double seconds, double cpuMs) {

        public double eventsPerSecond() {
            return events / seconds;
        }

        public double cpuMsPerEvent() {
            return cpuMs / events;
        }
    }

    private BacklogDrain() {}

    /**
     * Drains {@code events} queued events: {@code depth} is the queue's message count, {@code applied} the inbox's
     * count of applied events, {@code start} starts the consumers.
     */
    public static Figures time(long events, RabbitTemplate rabbit, String queue, LongSupplier applied, Runnable start)
            throws InterruptedException {
        while (depth(rabbit, queue) < events) {
            Thread.sleep(100);
        }
        long before = applied.getAsLong();
        long cpu = cpuTicks();
        long t0 = System.nanoTime();
        start.run();
        while (applied.getAsLong() < before + events) {
            Thread.sleep(50);
        }
        return new Figures(events, (System.nanoTime() - t0) / 1e9, (cpuTicks() - cpu) * 10.0);
    }

    /** Messages ready in the queue, by a passive declare. */
    public static long depth(RabbitTemplate rabbit, String queue) {
        var declared = rabbit.execute(channel -> channel.queueDeclarePassive(queue));
        return declared == null ? 0 : declared.getMessageCount();
    }

    /** utime + stime of this process, in clock ticks (1/100 s). */
    public static long cpuTicks() {
        var stat = read("/proc/self/stat");
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's load averages, as {@code /proc/loadavg} gives them. */
    public static String load() {
        return read("/proc/loadavg").trim();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
