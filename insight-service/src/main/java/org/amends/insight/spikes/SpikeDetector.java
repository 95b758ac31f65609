package org.amends.insight.spikes;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.insights.SpikeDetected;
import org.amends.insight.alerts.AlertKind;
import org.amends.insight.alerts.Alerts;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.Columns;
import org.amends.insight.readmodel.DerivedFromCases;
import org.amends.insight.readmodel.OpenedCase;
import org.amends.insight.readmodel.Signature;
import org.amends.messaging.PerTransaction;
import org.amends.messaging.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates a signature's window on every case opened (at the case's opening time) and, on a schedule, ends episodes
 * whose window has gone quiet. The baseline is folded from whole windows (buckets of the window's width) as event time
 * passes them; a case arriving for an already folded window still counts in the sliding window but no longer moves the
 * baseline.
 *
 * <p>Nothing here counts cases: each case opened adds one to its signature's slot ({@link Slots}, {@code W/60} wide) in
 * {@code spike_slots}, in the transaction that applies it, so a late case counts in its own slot. The window of a case
 * opened at {@code t} is the whole slots from the one holding {@code t − W} to the one holding {@code t}: at least the
 * cases of {@code (t − W, t]}, at most one slot more at the lower edge (cases at or a little before {@code t − W}) and
 * any later case already in {@code t}'s slot. The buckets the baseline folds are sums of slots too. So each case reads
 * a window's slots and one (61 rows for whole minutes), whatever the rate. {@code ReadModel} returns a case only from
 * the one event that set its opening, so a duplicate or a replay cannot count it twice. Slots are kept from the bucket
 * before the previous one ({@link #pruneSlots}); a case from before the previous bucket still counts in its slot but is
 * too late to start or end an episode, as part of its window may be gone.
 */
@Component
public class SpikeDetector implements DerivedFromCases {

    private record State(
            long lastBucket,
            Baseline baseline,
            @Nullable UUID episodeId,
            @Nullable Instant episodeStartedAt) {}

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Outbox outbox;
    private final InsightMetrics metrics;
    private final SpikeProperties properties;
    private final Slots slots;
    private final Clock clock;
    private final PerTransaction<Map<String, State>> locked;

    SpikeDetector(
            JdbcClient jdbc,
            Alerts alerts,
            Outbox outbox,
            InsightMetrics metrics,
            SpikeProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.outbox = outbox;
        this.metrics = metrics;
        this.properties = properties;
        this.slots = Slots.of(properties.window());
        this.clock = clock;
        this.locked = new PerTransaction<>(HashMap::new, this::writeBack);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onCaseOpened(OpenedCase opened) {
        var signature = opened.signature();
        var at = opened.openedAt();
        var bucket = slots.bucketOf(at);
        // The signature's baseline is locked and read by its first case in the transaction (the batch) and written back
        // once before it commits; later cases of the batch work on the state held here, under that lock.
        var held = locked.get();
        var state = held.get(signature.text());
        if (state == null) {
            state = lockOrCreate(signature, bucket);
        }
        // Under the baseline's lock, always taken first, so two cases of one signature cannot deadlock on their slots.
        var count = countIn(signature, at);
        if (bucket < state.lastBucket() - 1) {
            // Its window reaches before the slots kept; judged on what is left, it could end an episode still running.
            held.put(signature.text(), state);
            return;
        }
        var baseline = state.baseline();
        if (bucket > state.lastBucket()) {
            baseline = fold(signature, baseline, state.lastBucket(), bucket);
        }
        var lastBucket = Math.max(bucket, state.lastBucket());
        var episode = state.episodeId();
        var startedAt = state.episodeStartedAt();
        if (episode == null && count >= baseline.threshold(properties.deviations(), properties.minCases())) {
            episode = UUID.nameUUIDFromBytes(("spike:" + signature.text() + "@" + at).getBytes(StandardCharsets.UTF_8));
            startedAt = firstInWindow(signature, at);
            announce(signature, episode, count, baseline, startedAt, at);
        } else if (episode != null && baseline.backToNormal(count)) {
            episode = null;
            startedAt = null;
        }
        held.put(signature.text(), new State(lastBucket, baseline, episode, startedAt));
    }

    /** The signature's baseline, locked; its first case creates it. */
    private State lockOrCreate(Signature signature, long bucket) {
        return lockBaseline(signature).orElseGet(() -> {
            jdbc.sql("""
                            INSERT INTO spike_baselines (signature, last_bucket, mean, variance)
                            VALUES (:signature, :bucket, 0, 0) ON CONFLICT (signature) DO NOTHING""")
                    .param("signature", signature.text())
                    .param("bucket", bucket)
                    .update();
            return lockBaseline(signature).orElseThrow();
        });
    }

    private Optional<State> lockBaseline(Signature signature) {
        return jdbc.sql("SELECT * FROM spike_baselines WHERE signature = :signature FOR UPDATE")
                .param("signature", signature.text())
                .query((row, n) -> new State(
                        row.getLong("last_bucket"),
                        new Baseline(row.getDouble("mean"), row.getDouble("variance")),
                        row.getObject("episode_id", UUID.class),
                        Columns.instant(row, "episode_started_at")))
                .optional();
    }

    /** Writes back the baselines a transaction's cases moved, just before it commits. */
    private void writeBack(Map<String, State> held) {
        held.forEach((signature, state) -> jdbc.sql("""
                        UPDATE spike_baselines SET last_bucket = :bucket, mean = :mean, variance = :variance,
                            episode_id = :episode, episode_started_at = :startedAt
                        WHERE signature = :signature""")
                .param("signature", signature)
                .param("bucket", state.lastBucket())
                .param("mean", state.baseline().mean())
                .param("variance", state.baseline().variance())
                .param("episode", state.episodeId(), java.sql.Types.OTHER)
                .param("startedAt", Columns.timestamp(state.episodeStartedAt()), java.sql.Types.TIMESTAMP)
                .update());
    }

    /**
     * Counts the case into its slot and returns the cases of the window ending at {@code at}, this one included, in one
     * statement: the slot as the insert left it plus the window's earlier slots.
     */
    private long countIn(Signature signature, Instant at) {
        var slot = slots.slotOf(at);
        return jdbc.sql("""
                        WITH counted AS (
                            INSERT INTO spike_slots (signature, slot, cases) VALUES (:signature, :slot, 1)
                            ON CONFLICT (signature, slot) DO UPDATE SET cases = spike_slots.cases + 1
                            RETURNING cases)
                        SELECT (SELECT cases FROM counted) + COALESCE(sum(cases), 0) FROM spike_slots
                        WHERE signature = :signature AND slot >= :first AND slot < :slot""")
                .param("signature", signature.text())
                .param("slot", slot)
                .param("first", slots.windowStart(slot))
                .query(Long.class)
                .single();
    }

    /** Ends the episodes whose window, measured up to now, has fallen back to normal. */
    @Scheduled(fixedDelayString = "${amends.insight.spikes.evaluate-every:1m}")
    @Transactional
    public void endQuietEpisodes() {
        var now = clock.instant();
        var open = jdbc.sql("""
                        SELECT s.signature, s.mean, s.variance, p.product, p.error_kind FROM spike_baselines s
                        JOIN problems p ON p.signature = s.signature
                        WHERE s.episode_id IS NOT NULL FOR UPDATE OF s""")
                .query((row, n) -> Map.entry(
                        new Signature(row.getString("product"), row.getString("error_kind")),
                        new Baseline(row.getDouble("mean"), row.getDouble("variance"))))
                .list();
        for (var entry : open) {
            if (entry.getValue().backToNormal(casesInWindow(entry.getKey(), now))) {
                jdbc.sql("""
                                UPDATE spike_baselines SET episode_id = NULL, episode_started_at = NULL
                                WHERE signature = :signature""").param("signature", entry.getKey().text()).update();
            }
        }
    }

    /**
     * Deletes the slots no window or fold reads any more: those before the bucket preceding the previous one of their
     * signature. Folding reads from the latest bucket on, a window ending in it reaches into the previous one, and a
     * case up to a bucket late still needs the one before that.
     */
    @Scheduled(fixedDelayString = "${amends.insight.spikes.evaluate-every:1m}")
    @Transactional
    public void pruneSlots() {
        jdbc.sql("""
                        DELETE FROM spike_slots s USING spike_baselines b
                        WHERE s.signature = b.signature AND s.slot < (b.last_bucket - 2) * :perWindow""").param("perWindow", slots.perWindow()).update();
    }

    /** Recounts the slots a live application keeps (those {@link #pruneSlots} leaves) from the rebuilt cases. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recount() {
        jdbc.sql("LOCK TABLE spike_slots IN EXCLUSIVE MODE").update();
        jdbc.sql("DELETE FROM spike_slots").update();
        // The statement that filled the table in V5__count_spike_slots.sql, without the proactive cases (EventIntake).
        jdbc.sql("""
                        INSERT INTO spike_slots (signature, slot, cases)
                        SELECT b.signature, floor(EXTRACT(EPOCH FROM c.opened_at) / :slotSeconds)::bigint, count(*)
                        FROM spike_baselines b
                        JOIN problems p ON p.signature = b.signature
                        JOIN cases c ON c.product = p.product AND c.error_kind = p.error_kind
                        WHERE c.opened_at >= to_timestamp((b.last_bucket - 2) * :windowSeconds)
                          AND c.channel IS DISTINCT FROM 'PROACTIVE'
                        GROUP BY 1, 2""")
                .param("slotSeconds", slots.slotSeconds())
                .param("windowSeconds", slots.windowSeconds())
                .update();
    }

    /**
     * The cases of the window ending at {@code at}: the sum of the whole slots from the one holding {@code at − W} to
     * the one holding {@code at}.
     */
    public long casesInWindow(Signature signature, Instant at) {
        var last = slots.slotOf(at);
        return jdbc.sql("""
                        SELECT COALESCE(sum(cases), 0) FROM spike_slots
                        WHERE signature = :signature AND slot BETWEEN :first AND :last""")
                .param("signature", signature.text())
                .param("first", slots.windowStart(last))
                .param("last", last)
                .query(Long.class)
                .single();
    }

    private Baseline fold(Signature signature, Baseline baseline, long fromBucket, long toBucket) {
        var first = Math.max(fromBucket, toBucket - properties.maxFoldedWindows());
        var counts = new HashMap<Long, Long>();
        jdbc.sql("""
                        SELECT slot / :perWindow AS bucket, sum(cases) AS cases FROM spike_slots
                        WHERE signature = :signature AND slot >= :from AND slot < :to
                        GROUP BY 1""")
                .param("perWindow", slots.perWindow())
                .param("signature", signature.text())
                .param("from", slots.firstOf(first))
                .param("to", slots.firstOf(toBucket))
                .query((row, n) -> counts.put(row.getLong("bucket"), row.getLong("cases")))
                .list();
        for (var b = first; b < toBucket; b++) {
            baseline = baseline.fold(counts.getOrDefault(b, 0L), properties.alpha());
        }
        return baseline;
    }

    /** The first case of the window ending at {@code at}, over the same whole slots as its count. */
    private Instant firstInWindow(Signature signature, Instant at) {
        var last = slots.slotOf(at);
        return jdbc.sql("""
                        SELECT min(opened_at) FROM cases WHERE product = :product AND error_kind = :errorKind
                          AND opened_at >= :from AND opened_at < :to AND channel IS DISTINCT FROM 'PROACTIVE'""")
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("from", Timestamp.from(slots.start(slots.windowStart(last))))
                .param("to", Timestamp.from(slots.start(last + 1)))
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    private void announce(
            Signature signature, UUID episode, long count, Baseline baseline, Instant startedAt, Instant at) {
        var event = new SpikeDetected(
                episode,
                signature.text(),
                signature.product(),
                signature.errorKind(),
                properties.window().toSeconds(),
                count,
                round(baseline.mean()),
                round(baseline.deviationsAbove(count)),
                startedAt,
                at);
        var raised = alerts.raise(
                AlertKind.SPIKE,
                "spike:" + episode,
                signature.problemId(),
                null,
                signature.text(),
                count + " cases of " + signature.text() + " in "
                        + properties.window().toMinutes() + " min, baseline " + round(baseline.mean()),
                Map.of(
                        "episodeId", episode,
                        "casesInWindow", count,
                        "baselinePerWindow", round(baseline.mean()),
                        "deviation", round(baseline.deviationsAbove(count)),
                        "windowSeconds", properties.window().toSeconds(),
                        "startedAt", startedAt.toString()),
                clock.instant());
        if (raised) {
            outbox.add(InsightEvents.SPIKE_DETECTED, episode, at, event);
            metrics.spike();
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
