package org.amends.insight.figures;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The service figures, computed from the read models for a range of opening (or fulfilment) times. */
@Repository
class Figures {

    /** Percentiles of a duration, in seconds, for cases of one channel or one severity. */
    record Percentiles(String dimension, String value, long cases, double p50, double p90, double p99) {}

    record SlaBreaches(long cases, long breached, double rate) {}

    record Cost(String by, String currency, long minorUnits) {}

    record Csat(boolean withRemedy, long ratings, double average) {}

    record Deflection(long closedCases, long withoutRemedy, double share) {}

    record LearningRate(long problemsWithFix, long withoutRecurrence, double rate) {}

    record Summary(
            Instant from,
            Instant to,
            long casesOpened,
            List<Percentiles> timeToAcknowledge,
            List<Percentiles> timeToResolve,
            SlaBreaches slaBreaches,
            List<Cost> remedyCostByType,
            List<Cost> remedyCostByErrorKind,
            List<Csat> csat,
            Deflection deflection,
            LearningRate learningRate) {}

    private final JdbcClient jdbc;

    Figures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Summary summary(Instant from, Instant to) {
        var opened = jdbc.sql("SELECT count(*) FROM cases WHERE opened_at >= :from AND opened_at < :to")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
        return new Summary(
                from,
                to,
                opened,
                percentiles("acknowledged_at", from, to),
                percentiles("resolved_at", from, to),
                slaBreaches(from, to),
                cost("r.remedy_type", from, to),
                cost("COALESCE(c.error_kind, 'UNKNOWN')", from, to),
                csat(from, to),
                deflection(from, to),
                learningRate());
    }

    private List<Percentiles> percentiles(String endColumn, Instant from, Instant to) {
        var seconds = "EXTRACT(EPOCH FROM " + endColumn + " - opened_at)";
        var select = """
                SELECT '%1$s' AS dimension, COALESCE(%1$s, 'UNKNOWN') AS value, count(*) AS cases,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY %2$s) AS p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY %2$s) AS p90,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY %2$s) AS p99
                FROM cases WHERE opened_at >= :from AND opened_at < :to AND %3$s IS NOT NULL
                GROUP BY 2""";
        return jdbc.sql(select.formatted("channel", seconds, endColumn) + " UNION ALL "
                        + select.formatted("severity", seconds, endColumn) + " ORDER BY 1, 2")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Percentiles(
                        row.getString("dimension"),
                        row.getString("value"),
                        row.getLong("cases"),
                        row.getDouble("p50"),
                        row.getDouble("p90"),
                        row.getDouble("p99")))
                .list();
    }

    private SlaBreaches slaBreaches(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) AS cases, count(*) FILTER (WHERE acknowledgement_breached
                            OR resolution_breached OR acknowledged_within_sla = false
                            OR resolved_within_sla = false) AS breached
                        FROM cases WHERE opened_at >= :from AND opened_at < :to""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new SlaBreaches(
                        row.getLong("cases"),
                        row.getLong("breached"),
                        ratio(row.getLong("breached"), row.getLong("cases"))))
                .single();
    }

    private List<Cost> cost(String by, Instant from, Instant to) {
        return jdbc.sql("SELECT " + by + """
                         AS by, r.currency, sum(r.amount_minor_units) AS total
                        FROM remedies r LEFT JOIN cases c ON c.case_id = r.case_id
                        WHERE r.state = 'FULFILLED' AND r.amount_minor_units IS NOT NULL
                          AND r.fulfilled_at >= :from AND r.fulfilled_at < :to
                        GROUP BY 1, 2 ORDER BY 1, 2""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Cost(row.getString("by"), row.getString("currency"), row.getLong("total")))
                .list();
    }

    private List<Csat> csat(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT rating_with_remedy, count(*) AS ratings, avg(rating) AS average FROM cases
                        WHERE opened_at >= :from AND opened_at < :to AND rating IS NOT NULL
                        GROUP BY 1 ORDER BY 1""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Csat(
                        row.getBoolean("rating_with_remedy"),
                        row.getLong("ratings"),
                        Math.round(row.getDouble("average") * 100) / 100.0))
                .list();
    }

    private Deflection deflection(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) AS closed, count(*) FILTER (WHERE NOT c.remedy_accepted AND NOT EXISTS (
                            SELECT 1 FROM remedies r WHERE r.case_id = c.case_id AND r.state = 'FULFILLED'))
                            AS without_remedy
                        FROM cases c WHERE c.opened_at >= :from AND c.opened_at < :to
                          AND c.status IN ('RESOLVED', 'CLOSED')""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Deflection(
                        row.getLong("closed"),
                        row.getLong("without_remedy"),
                        ratio(row.getLong("without_remedy"), row.getLong("closed"))))
                .single();
    }

    /** Of the problems that have had a fix marked done, the share whose fixes have not recurred. */
    private LearningRate learningRate() {
        return jdbc.sql("""
                        SELECT count(*) AS fixed, count(*) FILTER (WHERE recurred = 0) AS held FROM (
                            SELECT problem_id, sum(recurrences) + count(*) FILTER (WHERE status = 'INEFFECTIVE')
                                AS recurred
                            FROM corrective_actions WHERE done_at IS NOT NULL GROUP BY problem_id) fixed""")
                .query((row, n) -> new LearningRate(
                        row.getLong("fixed"), row.getLong("held"), ratio(row.getLong("held"), row.getLong("fixed"))))
                .single();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
