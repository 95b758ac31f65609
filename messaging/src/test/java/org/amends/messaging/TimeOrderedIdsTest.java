package org.amends.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    /** 2026-12-06T23:00:00Z. */
    private static final long MILLIS = 1_796_598_000_000L;

    @Property(tries = 2000)
    void anIdIsAVersion7UuidThatBeginsWithItsMilliseconds(
            @ForAll @LongRange(min = 0, max = (1L << 48) - 1) long millis, @ForAll long seed) {
        var id = TimeOrderedIds.at(millis, new Random(seed));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562's variant, binary 10").isEqualTo(2);
        assertThat(millisOf(id)).isEqualTo(millis);
        // What PostgreSQL reads back from its text form: the time in the first twelve hex digits.
        assertThat(Long.parseLong(id.toString().replace("-", "").substring(0, 12), 16))
                .isEqualTo(millis);
    }

    @Property(tries = 2000)
    void aLaterMillisecondSortsAfterAnEarlierOneAsTheDatabaseSortsThem(
            @ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis,
            @ForAll @LongRange(min = 1, max = 1L << 20) long later,
            @ForAll long seed) {
        var random = new Random(seed);
        var first = TimeOrderedIds.at(millis, random);
        var second = TimeOrderedIds.at(Math.min(millis + later, (1L << 48) - 1), random);

        // PostgreSQL orders uuid by its bytes, unsigned: the order of the hex text.
        assertThat(first.toString()).isLessThan(second.toString());
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        var random = new Random(42);
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(TimeOrderedIds.at(MILLIS, random))).isTrue();
        }
    }

    @Test
    void nextIsNow() {
        var before = System.currentTimeMillis();
        var id = TimeOrderedIds.next();
        var after = System.currentTimeMillis();

        assertThat(millisOf(id)).isBetween(before, after);
    }

    @Test
    void millisecondsOutside48BitsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.at(-1, new Random()));
        assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.at(1L << 48, new Random()));
    }

    /** The milliseconds since the epoch that a version 7 id begins with. */
    static long millisOf(UUID id) {
        assertThat(id.version()).isEqualTo(7);
        return id.getMostSignificantBits() >>> 16;
    }
}
