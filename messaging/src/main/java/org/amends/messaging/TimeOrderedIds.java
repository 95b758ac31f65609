package org.amends.messaging;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Keys for rows that are written in time order, as RFC 9562 version 7 UUIDs: the milliseconds since the epoch first,
 * then 74 random bits. A table keyed by such ids (and every index on them) takes a new row near the right edge of its
 * B-tree instead of at a random leaf. With random (version 4) ids each batch of inserts touched leaves all over an
 * index of millions of entries, and after every checkpoint each leaf touched went into the write-ahead log whole:
 * 2,000,000 entries and 200,000 more in batches of 500 wrote 100 MB of log with random ids, 43 MB with these (ADR 13).
 *
 * <p>Used for the ids of events (the outbox), cases and remedies, and of the rows that come one per remedy (its ledger
 * transactions, its webhook delivery): each is written once, as it happens, and most are keyed in several tables of
 * several services. The random bits come from {@link SecureRandom}, as {@link UUID#randomUUID()}'s do: 74 of them keep
 * an id in a URL out of reach of guessing. What such an id gives away is the millisecond it was made, which the row
 * itself shows to whoever may read it. Ids of one millisecond are not ordered among themselves.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    /** A new id, made now. */
    public static UUID next() {
        return at(System.currentTimeMillis(), RANDOM);
    }

    /** The id made at {@code epochMillis} with {@code random}'s next bits. */
    static UUID at(long epochMillis, RandomGenerator random) {
        if (epochMillis < 0 || epochMillis >= 1L << 48) {
            throw new IllegalArgumentException("milliseconds outside 48 bits: " + epochMillis);
        }
        // One draw of 16 bytes, as UUID.randomUUID() takes (SecureRandom serves each draw under its lock).
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var drawn = ByteBuffer.wrap(bytes);
        // 48 bits of time, the version (7), 12 random bits; the variant (binary 10), 62 random bits.
        var high = epochMillis << 16 | 0x7000L | (drawn.getLong() & 0x0FFFL);
        var low = drawn.getLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
