package org.amends.insight.spikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.insight.Events;
import org.amends.insight.Events.Case;
import org.amends.insight.InsightServiceIT;
import org.amends.insight.readmodel.Signature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SpikeSlotsIT extends InsightServiceIT {

    @Autowired
    SpikeDetector detector;

    @Autowired
    SpikeProperties properties;

    final String product = "product-" + UUID.randomUUID().toString().substring(0, 8);
    final Slots slots = Slots.of(Duration.ofMinutes(5));
    // The start of a bucket well in the past: its windows are what the test makes them, the clock plays no part.
    final Instant base = Instant.ofEpochSecond(
            Math.floorDiv(Instant.now().minus(Duration.ofHours(3)).getEpochSecond(), 300) * 300);

    @Test
    void everyCaseCountsOnceInItsOwnSlotAndAWindowIsTheSumOfItsWholeSlots() {
        var signature = new Signature(product, "CONCEPT");
        var first = at(signature, "0");
        var lastOfFirstSlot = at(signature, "4.999");
        var secondSlot = at(signature, "5");
        var duplicated = at(signature, "12");
        var openedTwice = at(signature, "150");
        var lastOfBucket = at(signature, "299.5");
        var nextBucket = at(signature, "300");
        var laterInIt = at(signature, "303");
        var outOfOrder = at(signature, "7");
        var last = at(signature, "310");
        for (var c : List.of(first, lastOfFirstSlot, secondSlot)) {
            publish(Events.opened(c));
        }
        var once = Events.opened(duplicated);
        publish(once);
        publish(once);
        publish(Events.opened(openedTwice));
        publish(Events.opened(openedTwice));
        for (var c : List.of(lastOfBucket, nextBucket, laterInIt, outOfOrder, last)) {
            publish(Events.opened(c));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(last) && applied(outOfOrder));

        var expected = new LinkedHashMap<Long, Long>();
        var zero = slots.slotOf(base);
        expected.put(zero, 2L); // 0 and 4.999
        expected.put(zero + 1, 2L); // 5 and the out-of-order 7
        expected.put(zero + 2, 1L); // 12, delivered twice
        expected.put(zero + 30, 1L); // 150, opened twice
        expected.put(zero + 59, 1L); // 299.5
        expected.put(zero + 60, 2L); // 300 and 303
        expected.put(zero + 62, 1L); // 310
        assertThat(slotsOf(signature)).isEqualTo(expected).isEqualTo(countedFromCases(signature));

        assertThat(detector.casesInWindow(signature, lastOfBucket.openedAt())).isEqualTo(7);
        // Whole slots at both edges: the case at exactly t − W (in the slot holding t − W) and the one after t in t's
        // slot are in, though (t − W, t] leaves both out.
        assertThat(detector.casesInWindow(signature, nextBucket.openedAt())).isEqualTo(9);
        assertThat(sliding(signature, nextBucket.openedAt())).isEqualTo(7);
        assertThat(detector.casesInWindow(signature, base.plusSeconds(305))).isEqualTo(7);
        for (var seconds : new String[] {"0", "4.999", "7", "150", "299.5", "300", "304.999", "305", "310", "620"}) {
            var t = base.plus(offset(seconds));
            assertThat(detector.casesInWindow(signature, t))
                    .as("window at +%s s", seconds)
                    .isEqualTo(inWholeSlotsOf(signature, t))
                    .isGreaterThanOrEqualTo(sliding(signature, t));
        }
    }

    @Test
    void pruningKeepsTheBucketsTheBaselineAndLateCasesStillRead() {
        var signature = new Signature(product, "EXECUTION");
        var bucket = slots.bucketOf(base);
        for (int i = 0; i < 3; i++) {
            publish(Events.opened(at(signature, String.valueOf(10 + 10 * i))));
        }
        for (int i = 0; i < 7; i++) {
            publish(Events.opened(at(signature, String.valueOf(300 + 10 * i))));
        }
        var third = at(signature, "905");
        publish(Events.opened(third));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(third));

        detector.pruneSlots();

        var kept = slotsOf(signature);
        assertThat(kept.keySet()).allMatch(slot -> slot >= slots.firstOf(bucket + 1));
        assertThat(kept.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7 + 1);

        var late = at(signature, "601");
        publish(Events.opened(late));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(late));

        // A case a bucket late: its window reaches back into the bucket before the previous one, kept whole.
        assertThat(detector.casesInWindow(signature, late.openedAt()))
                .isEqualTo(inWholeSlotsOf(signature, late.openedAt()))
                .isEqualTo(7 + 1);

        var fourth = at(signature, "1201");
        publish(Events.opened(fourth));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(fourth));

        // Buckets 0 to 2 were folded from their slots before the pruning, bucket 3 after it; the late case came after
        // bucket 2 was folded, so it does not move the baseline.
        var expected = Baseline.EMPTY
                .fold(3, properties.alpha())
                .fold(7, properties.alpha())
                .fold(0, properties.alpha())
                .fold(1, properties.alpha());
        var baseline = jdbc.sql("SELECT last_bucket, mean, variance FROM spike_baselines WHERE signature = :s")
                .param("s", signature.text())
                .query()
                .singleRow();
        assertThat(baseline.get("last_bucket")).isEqualTo(bucket + 4);
        assertThat((Double) baseline.get("mean")).isCloseTo(expected.mean(), within(1e-9));
        assertThat((Double) baseline.get("variance")).isCloseTo(expected.variance(), within(1e-9));
    }

    @Test
    void casesAppliedInOneTransactionLeaveTheSameSlotsBaselineSpikeAndProblemAsAppliedOneByOne() {
        var oneByOne = new Signature(product + "-one-by-one", "CONCEPT");
        var batched = new Signature(product + "-batched", "CONCEPT");
        // 3 cases in bucket 0, 7 in bucket 1 (a spike over the baseline folded from bucket 0), a quiet bucket 2 and one
        // case in bucket 3 (folding 7 and 0), one late into bucket 1, and one a bucket late.
        var seconds = new String[] {
            "10", "20", "30", "300", "310", "320", "330", "340", "350", "360", "905", "370", "601", "200"
        };
        for (var second : seconds) {
            applyAsOneBatch(List.of(Events.opened(at(oneByOne, second))));
        }
        applyAsOneBatch(Arrays.stream(seconds)
                .map(second -> Events.opened(at(batched, second)))
                .toList());

        // The scheduled pruning (every second here) may have run between the two applications, or during one: compare
        // what it keeps, after pruning both now.
        detector.pruneSlots();
        var counted = countedFromCases(batched);
        counted.keySet().removeIf(slot -> slot < slots.firstOf(slots.bucketOf(base) + 1));
        assertThat(slotsOf(batched)).isEqualTo(slotsOf(oneByOne)).isEqualTo(counted);
        // The episode itself is left out: the scheduled evaluation ends either at its own moment (their windows are
        // hours before now), which is what the one alert each shows it started.
        var baseline = "SELECT last_bucket, mean, variance FROM spike_baselines WHERE signature = :s";
        var batchedBaseline =
                jdbc.sql(baseline).param("s", batched.text()).query().singleRow();
        assertThat(batchedBaseline)
                .isEqualTo(
                        jdbc.sql(baseline).param("s", oneByOne.text()).query().singleRow());
        assertThat(batchedBaseline.get("last_bucket")).isEqualTo(slots.bucketOf(base) + 3);
        var alerts = "SELECT count(*) FROM alerts WHERE kind = 'SPIKE' AND signature = :s";
        assertThat(jdbc.sql(alerts).param("s", batched.text()).query(Long.class).single())
                .as("one spike announced")
                .isEqualTo(1)
                .isEqualTo(jdbc.sql(alerts)
                        .param("s", oneByOne.text())
                        .query(Long.class)
                        .single());
        var seen = "SELECT first_seen_at, last_seen_at FROM problems WHERE signature = :s";
        assertThat(jdbc.sql(seen).param("s", batched.text()).query().singleRow())
                .isEqualTo(jdbc.sql(seen).param("s", oneByOne.text()).query().singleRow())
                .isEqualTo(Map.of(
                        "first_seen_at", Timestamp.from(base.plusSeconds(10)),
                        "last_seen_at", Timestamp.from(base.plusSeconds(905))));
    }

    Case at(Signature signature, String seconds) {
        return Case.of(signature.product(), signature.errorKind(), base.plus(offset(seconds)));
    }

    static Duration offset(String seconds) {
        return Duration.ofMillis(new BigDecimal(seconds).movePointRight(3).longValueExact());
    }

    boolean applied(Case c) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE case_id = :id AND opened_at IS NOT NULL")
                        .param("id", c.caseId())
                        .query(Long.class)
                        .single()
                == 1;
    }

    Map<Long, Long> slotsOf(Signature signature) {
        var found = new LinkedHashMap<Long, Long>();
        jdbc.sql("SELECT slot, cases FROM spike_slots WHERE signature = :s ORDER BY slot")
                .param("s", signature.text())
                .query((row, n) -> found.put(row.getLong("slot"), row.getLong("cases")))
                .list();
        return found;
    }

    Map<Long, Long> countedFromCases(Signature signature) {
        var found = new LinkedHashMap<Long, Long>();
        jdbc.sql("""
                        SELECT floor(EXTRACT(EPOCH FROM opened_at) / :width)::bigint AS slot, count(*) AS cases
                        FROM cases WHERE product = :product AND error_kind = :errorKind GROUP BY 1 ORDER BY 1""")
                .param("width", slots.slotSeconds())
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .query((row, n) -> found.put(row.getLong("slot"), row.getLong("cases")))
                .list();
        return found;
    }

    /** The exact count of cases over the whole slots the README's window names: from the slot of t − W to t's. */
    long inWholeSlotsOf(Signature signature, Instant t) {
        var last = slots.slotOf(t);
        return count(signature, slots.start(slots.windowStart(last)), true, slots.start(last + 1), false);
    }

    /** The exact count of cases opened in (t − W, t]. */
    long sliding(Signature signature, Instant t) {
        return count(signature, t.minus(Duration.ofMinutes(5)), false, t, true);
    }

    long count(Signature signature, Instant from, boolean fromIncluded, Instant to, boolean toIncluded) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE product = :product AND error_kind = :errorKind"
                        + " AND opened_at " + (fromIncluded ? ">=" : ">") + " :from"
                        + " AND opened_at " + (toIncluded ? "<=" : "<") + " :to")
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
    }
}
