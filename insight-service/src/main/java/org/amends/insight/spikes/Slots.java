package org.amends.insight.spikes;

import java.time.Duration;
import java.time.Instant;

/**
 * The time slots a signature's cases are counted in, numbered from the epoch. A slot is {@code W/60} wide when the
 * window is whole minutes, else 1 s, so a window is always a whole number of slots and a baseline bucket (width
 * {@code W}) starts on a slot: sums of slots give both exactly. Plain math.
 *
 * @param windowSeconds {@code W}, the window and the width of the baseline's buckets
 * @param slotSeconds the width of one slot
 */
record Slots(long windowSeconds, long slotSeconds) {

    static Slots of(Duration window) {
        var seconds = window.toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("the spike window must be at least 1 s: " + window);
        }
        return new Slots(seconds, seconds % 60 == 0 ? seconds / 60 : 1);
    }

    /** How many slots a window (and a bucket) spans: 60 for a window of whole minutes. */
    long perWindow() {
        return windowSeconds / slotSeconds;
    }

    long slotOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), slotSeconds);
    }

    long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), windowSeconds);
    }

    /** The oldest slot of the window ending in {@code slot}: the one holding {@code t − W}, counted whole. */
    long windowStart(long slot) {
        return slot - perWindow();
    }

    long firstOf(long bucket) {
        return bucket * perWindow();
    }

    Instant start(long slot) {
        return Instant.ofEpochSecond(slot * slotSeconds);
    }
}
