package org.amends.insight.figures;

import org.amends.insight.metrics.InsightMetrics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Recounts the problems with at least one open case for {@code amends_insight_open_problems}. */
@Component
class OpenProblemsGauge {

    private final JdbcClient jdbc;
    private final InsightMetrics metrics;

    OpenProblemsGauge(JdbcClient jdbc, InsightMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${amends.insight.metrics-refresh:30s}")
    void refresh() {
        metrics.openProblems(jdbc.sql(
                        "SELECT count(DISTINCT problem_id) FROM cases WHERE status = 'OPEN' AND problem_id IS NOT NULL")
                .query(Long.class)
                .single());
    }
}
