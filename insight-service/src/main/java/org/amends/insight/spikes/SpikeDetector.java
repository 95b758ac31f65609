package org.amends.insight.spikes;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.insights.SpikeDetected;
import org.amends.insight.alerts.AlertKind;
import org.amends.insight.alerts.Alerts;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.OpenedCase;
import org.amends.insight.readmodel.Signature;
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
 */
@Component
public class SpikeDetector {

    private record State(
            String signature,
            long lastBucket,
            Baseline baseline,
            @Nullable UUID episodeId) {}

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Outbox outbox;
    private final InsightMetrics metrics;
    private final SpikeProperties properties;
    private final Clock clock;

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
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onCaseOpened(OpenedCase opened) {
        var signature = opened.signature();
        var at = opened.openedAt();
        var width = properties.window().toSeconds();
        var bucket = Math.floorDiv(at.getEpochSecond(), width);
        jdbc.sql("""
                        INSERT INTO spike_baselines (signature, last_bucket, mean, variance)
                        VALUES (:signature, :bucket, 0, 0) ON CONFLICT (signature) DO NOTHING""")
                .param("signature", signature.text())
                .param("bucket", bucket)
                .update();
        var state = jdbc.sql("SELECT * FROM spike_baselines WHERE signature = :signature FOR UPDATE")
                .param("signature", signature.text())
                .query((row, n) -> new State(
                        row.getString("signature"),
                        row.getLong("last_bucket"),
                        new Baseline(row.getDouble("mean"), row.getDouble("variance")),
                        row.getObject("episode_id", UUID.class)))
                .single();
        var baseline = state.baseline();
        if (bucket > state.lastBucket()) {
            baseline = fold(signature, baseline, state.lastBucket(), bucket);
        }
        var lastBucket = Math.max(bucket, state.lastBucket());
        var count = casesInWindow(signature, at);
        var episode = state.episodeId();
        Instant startedAt = null;
        if (episode == null && count >= baseline.threshold(properties.deviations(), properties.minCases())) {
            episode = UUID.nameUUIDFromBytes(("spike:" + signature.text() + "@" + at).getBytes(StandardCharsets.UTF_8));
            startedAt = firstInWindow(signature, at);
            announce(signature, episode, count, baseline, startedAt, at);
        } else if (episode != null && baseline.backToNormal(count)) {
            episode = null;
        }
        jdbc.sql("""
                        UPDATE spike_baselines SET last_bucket = :bucket, mean = :mean, variance = :variance,
                            episode_id = :episode,
                            episode_started_at = CASE WHEN CAST(:episode AS uuid) IS NULL THEN NULL
                                ELSE COALESCE(:startedAt, episode_started_at) END
                        WHERE signature = :signature""")
                .param("signature", signature.text())
                .param("bucket", lastBucket)
                .param("mean", baseline.mean())
                .param("variance", baseline.variance())
                .param("episode", episode, java.sql.Types.OTHER)
                .param("startedAt", startedAt == null ? null : Timestamp.from(startedAt), java.sql.Types.TIMESTAMP)
                .update();
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

    private Baseline fold(Signature signature, Baseline baseline, long fromBucket, long toBucket) {
        var width = properties.window().toSeconds();
        var first = Math.max(fromBucket, toBucket - properties.maxFoldedWindows());
        var counts = new HashMap<Long, Long>();
        jdbc.sql("""
                        SELECT floor(EXTRACT(EPOCH FROM opened_at) / :width)::bigint AS bucket, count(*) AS cases
                        FROM cases WHERE product = :product AND error_kind = :errorKind
                          AND opened_at >= :from AND opened_at < :to
                        GROUP BY 1""")
                .param("width", width)
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("from", Timestamp.from(Instant.ofEpochSecond(first * width)))
                .param("to", Timestamp.from(Instant.ofEpochSecond(toBucket * width)))
                .query((row, n) -> counts.put(row.getLong("bucket"), row.getLong("cases")))
                .list();
        for (var b = first; b < toBucket; b++) {
            baseline = baseline.fold(counts.getOrDefault(b, 0L), properties.alpha());
        }
        return baseline;
    }

    private long casesInWindow(Signature signature, Instant at) {
        return jdbc.sql("""
                        SELECT count(*) FROM cases WHERE product = :product AND error_kind = :errorKind
                          AND opened_at > :from AND opened_at <= :at""")
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("from", Timestamp.from(at.minus(properties.window())))
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    private Instant firstInWindow(Signature signature, Instant at) {
        return jdbc.sql("""
                        SELECT min(opened_at) FROM cases WHERE product = :product AND error_kind = :errorKind
                          AND opened_at > :from AND opened_at <= :at""")
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("from", Timestamp.from(at.minus(properties.window())))
                .param("at", Timestamp.from(at))
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
