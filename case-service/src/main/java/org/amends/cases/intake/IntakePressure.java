package org.amends.cases.intake;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.stereotype.Component;

/**
 * How live intake is faring right now: the times of the last live intakes (request to committed answer), kept in a
 * small ring. The bulk import asks it before every batch and yields while live intake is slow — the import runs
 * below live intake on the same cores and the same database, and Java thread priorities do nothing on Linux.
 */
@Component
public class IntakePressure {

    private static final int SIZE = 256;

    private final AtomicLongArray took = new AtomicLongArray(SIZE);
    private final AtomicLongArray endedAt = new AtomicLongArray(SIZE);
    private final AtomicLong next = new AtomicLong();

    /** One live intake that started at {@code startedNanos} ({@link System#nanoTime()}) has just been answered. */
    public void record(long startedNanos) {
        var now = System.nanoTime();
        var slot = (int) (next.getAndIncrement() % SIZE);
        took.set(slot, now - startedNanos);
        endedAt.set(slot, now);
    }

    /**
     * Whether live intake is strained: at least {@code minSamples} intakes answered in the last {@code within}, and
     * the slowest tenth of them took longer than {@code threshold}. No recent traffic is no strain.
     */
    public boolean strained(Duration threshold, Duration within, int minSamples) {
        var now = System.nanoTime();
        var since = now - within.toNanos();
        var recent = new long[SIZE];
        var count = 0;
        for (var i = 0; i < SIZE; i++) {
            var ended = endedAt.get(i);
            if (ended != 0 && ended - since > 0) {
                recent[count++] = took.get(i);
            }
        }
        if (count < minSamples) {
            return false;
        }
        Arrays.sort(recent, 0, count);
        var p90 = recent[Math.min(count - 1, (int) Math.ceil(count * 0.9) - 1)];
        return p90 > threshold.toNanos();
    }
}
