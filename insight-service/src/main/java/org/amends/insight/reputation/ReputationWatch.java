package org.amends.insight.reputation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.insights.ReputationRiskRaised;
import org.amends.insight.alerts.AlertKind;
import org.amends.insight.alerts.Alerts;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.Columns;
import org.amends.insight.readmodel.OpenedCase;
import org.amends.messaging.CachedPlans;
import org.amends.messaging.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores open cases when their events arrive and on a schedule (time unresolved grows without events). A case crosses
 * the threshold at most once: one alert and one event per case, which case-service turns into an escalation on the
 * case's timeline. Resolved and closed cases are not scored.
 */
@Component
public class ReputationWatch {

    private record OpenCase(
            UUID caseId,
            String reference,
            String channel,
            Long audience,
            double sentiment,
            java.time.Instant openedAt) {}

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Outbox outbox;
    private final InsightMetrics metrics;
    private final ReputationProperties properties;
    private final Clock clock;

    ReputationWatch(
            JdbcClient jdbc,
            Alerts alerts,
            Outbox outbox,
            InsightMetrics metrics,
            ReputationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.outbox = outbox;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Scores one case, if it is open and not yet alerted. A plan kept for this query once took the partial index of
     * open cases and walked all of them to find the one (2026-12-04), so it is planned afresh for the rest of the
     * transaction, even inside a consumer's batch that keeps plans ({@link CachedPlans}); it runs on a reopening or an
     * opening whose facts reach the threshold, not on every event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void evaluate(UUID caseId) {
        CachedPlans.planAfreshUntilCommit(jdbc);
        jdbc.sql(UNSCORED + " AND c.case_id = :id")
                .param("id", caseId)
                .query((row, n) -> openCase(row))
                .list()
                .forEach(this::score);
    }

    /**
     * As {@link #evaluate} for a case just opened: its opening carries every fact the score reads, so the read model is
     * queried (still open, not yet alerted) only when those facts reach the threshold, which most openings do not.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onCaseOpened(OpenedCase opened) {
        var score = ReputationScore.total(
                opened.channel(),
                opened.audienceSize(),
                opened.sentiment(),
                Duration.between(opened.openedAt(), clock.instant()));
        if (score >= properties.threshold()) {
            evaluate(opened.caseId());
        }
    }

    /** Re-scores open cases that have not raised the alert yet. */
    @Scheduled(fixedDelayString = "${amends.insight.reputation.evaluate-every:1m}")
    @Transactional
    public void evaluateOpenCases() {
        jdbc.sql(UNSCORED + " ORDER BY c.opened_at LIMIT :limit")
                .param("limit", properties.batchSize())
                .query((row, n) -> openCase(row))
                .list()
                .forEach(this::score);
    }

    private static final String UNSCORED = """
            SELECT c.case_id, c.reference, c.channel, c.audience_size, c.sentiment, c.opened_at FROM cases c
            WHERE c.status = 'OPEN' AND c.opened_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.dedup_key = 'reputation:' || c.case_id::text)""";

    private static OpenCase openCase(java.sql.ResultSet row) throws java.sql.SQLException {
        return new OpenCase(
                row.getObject("case_id", UUID.class),
                row.getString("reference"),
                row.getString("channel"),
                Columns.nullableLong(row, "audience_size"),
                row.getDouble("sentiment"),
                row.getTimestamp("opened_at").toInstant());
    }

    private void score(OpenCase open) {
        var now = clock.instant();
        var score = ReputationScore.of(
                open.channel(), open.audience(), open.sentiment(), Duration.between(open.openedAt(), now));
        if (score.score() < properties.threshold()) {
            return;
        }
        var reference = open.reference() == null ? open.caseId().toString() : open.reference();
        var raised = alerts.raise(
                AlertKind.REPUTATION,
                "reputation:" + open.caseId(),
                null,
                open.caseId(),
                null,
                "Case " + reference + " scores " + score.score() + " for reputation risk (threshold "
                        + properties.threshold() + ")",
                Map.of("score", score.score(), "threshold", properties.threshold(), "components", score.components()),
                now);
        if (raised) {
            outbox.add(
                    InsightEvents.REPUTATION_RISK_RAISED,
                    open.caseId(),
                    now,
                    new ReputationRiskRaised(
                            open.caseId(), reference, score.score(), properties.threshold(), score.components(), now));
            metrics.reputationAlert();
        }
    }
}
