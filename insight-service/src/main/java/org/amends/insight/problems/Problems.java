package org.amends.insight.problems;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amends.insight.readmodel.Columns;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Queries over the problems read model. */
@Repository
class Problems {

    record Money(String currency, long minorUnits) {}

    record RankedProblem(
            UUID problemId,
            String signature,
            String product,
            String errorKind,
            long cases,
            double share,
            double cumulativeShare,
            long openCases,
            long affectedCustomers,
            List<Money> remedyCost,
            Instant firstSeenAt,
            Instant lastSeenAt) {}

    record Page(List<RankedProblem> items, long totalCases, long totalProblems, int limit, int offset) {}

    record Day(LocalDate day, long cases) {}

    record RootCause(String rootCauseCode, long cases) {}

    /** An incident (in case-service) that cases of the problem were opened for or acknowledged with. */
    record LinkedIncident(UUID incidentId, long cases) {}

    record CaseLine(
            UUID caseId,
            @Nullable String reference,
            String status,
            @Nullable String channel,
            @Nullable String severity,
            @Nullable Instant openedAt,
            @Nullable Instant resolvedAt,
            @Nullable String rootCauseCode) {}

    private final JdbcClient jdbc;

    Problems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page ranked(@Nullable String product, @Nullable String errorKind, Instant from, Instant to, int limit, int offset) {
        var rows = jdbc.sql("""
                        WITH counted AS (
                            SELECT p.problem_id, p.signature, p.product, p.error_kind, p.first_seen_at, p.last_seen_at,
                                   count(c.case_id) AS cases,
                                   count(c.case_id) FILTER (WHERE c.status = 'OPEN') AS open_cases,
                                   count(DISTINCT c.customer_id) AS customers
                            FROM problems p JOIN cases c ON c.problem_id = p.problem_id
                            WHERE c.opened_at >= :from AND c.opened_at < :to
                              AND (CAST(:product AS text) IS NULL OR p.product = CAST(:product AS text))
                              AND (CAST(:errorKind AS text) IS NULL OR p.error_kind = CAST(:errorKind AS text))
                            GROUP BY p.problem_id),
                        ranked AS (
                            SELECT *, sum(cases) OVER () AS total,
                                   sum(cases) OVER (ORDER BY cases DESC, signature
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                                   count(*) OVER () AS problems
                            FROM counted)
                        SELECT * FROM ranked ORDER BY cases DESC, signature LIMIT :limit OFFSET :offset""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("product", product, java.sql.Types.VARCHAR)
                .param("errorKind", errorKind, java.sql.Types.VARCHAR)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> {
                    var total = row.getLong("total");
                    var cases = row.getLong("cases");
                    return Map.entry(
                            new long[] {total, row.getLong("problems")},
                            new RankedProblem(
                                    row.getObject("problem_id", UUID.class),
                                    row.getString("signature"),
                                    row.getString("product"),
                                    row.getString("error_kind"),
                                    cases,
                                    share(cases, total),
                                    share(row.getLong("running"), total),
                                    row.getLong("open_cases"),
                                    row.getLong("customers"),
                                    List.of(),
                                    row.getTimestamp("first_seen_at").toInstant(),
                                    row.getTimestamp("last_seen_at").toInstant()));
                })
                .list();
        var costs = costs(rows.stream().map(e -> e.getValue().problemId()).toList(), from, to);
        var items = rows.stream()
                .map(Map.Entry::getValue)
                .map(p -> new RankedProblem(
                        p.problemId(),
                        p.signature(),
                        p.product(),
                        p.errorKind(),
                        p.cases(),
                        p.share(),
                        p.cumulativeShare(),
                        p.openCases(),
                        p.affectedCustomers(),
                        costs.getOrDefault(p.problemId(), List.of()),
                        p.firstSeenAt(),
                        p.lastSeenAt()))
                .toList();
        var totals = rows.isEmpty() ? new long[] {0, 0} : rows.getFirst().getKey();
        return new Page(items, totals[0], totals[1], limit, offset);
    }

    /** One problem over all time: its figures, or empty when there is no such problem. */
    Optional<RankedProblem> one(UUID problemId) {
        var far = Instant.parse("9999-12-31T00:00:00Z");
        return jdbc.sql("""
                        SELECT p.problem_id, p.signature, p.product, p.error_kind, p.first_seen_at, p.last_seen_at,
                               count(c.case_id) AS cases,
                               count(c.case_id) FILTER (WHERE c.status = 'OPEN') AS open_cases,
                               count(DISTINCT c.customer_id) AS customers
                        FROM problems p LEFT JOIN cases c ON c.problem_id = p.problem_id
                        WHERE p.problem_id = :id GROUP BY p.problem_id""")
                .param("id", problemId)
                .query((row, n) -> new RankedProblem(
                        row.getObject("problem_id", UUID.class),
                        row.getString("signature"),
                        row.getString("product"),
                        row.getString("error_kind"),
                        row.getLong("cases"),
                        1.0,
                        1.0,
                        row.getLong("open_cases"),
                        row.getLong("customers"),
                        costs(List.of(problemId), Instant.EPOCH, far).getOrDefault(problemId, List.of()),
                        row.getTimestamp("first_seen_at").toInstant(),
                        row.getTimestamp("last_seen_at").toInstant()))
                .optional();
    }

    List<Day> trend(UUID problemId) {
        return jdbc.sql("""
                        SELECT (opened_at AT TIME ZONE 'UTC')::date AS day, count(*) AS cases FROM cases
                        WHERE problem_id = :id GROUP BY 1 ORDER BY 1""")
                .param("id", problemId)
                .query((row, n) -> new Day(row.getDate("day").toLocalDate(), row.getLong("cases")))
                .list();
    }

    List<RootCause> rootCauses(UUID problemId) {
        return jdbc.sql("""
                        SELECT root_cause_code, count(*) AS cases FROM cases
                        WHERE problem_id = :id AND root_cause_code IS NOT NULL
                        GROUP BY 1 ORDER BY 2 DESC, 1""")
                .param("id", problemId)
                .query((row, n) -> new RootCause(row.getString("root_cause_code"), row.getLong("cases")))
                .list();
    }

    /** The incidents the problem's cases are linked to, the one with most cases first. */
    List<LinkedIncident> incidents(UUID problemId) {
        return jdbc.sql("""
                        SELECT incident_id, count(*) AS cases FROM cases WHERE problem_id = :id AND incident_id IS NOT NULL
                        GROUP BY incident_id ORDER BY 2 DESC, 1""")
                .param("id", problemId)
                .query((row, n) -> new LinkedIncident(row.getObject("incident_id", UUID.class), row.getLong("cases")))
                .list();
    }

    List<CaseLine> cases(UUID problemId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM cases WHERE problem_id = :id ORDER BY opened_at DESC, case_id LIMIT :limit""")
                .param("id", problemId)
                .param("limit", limit)
                .query((row, n) -> new CaseLine(
                        row.getObject("case_id", UUID.class),
                        row.getString("reference"),
                        row.getString("status"),
                        row.getString("channel"),
                        row.getString("severity"),
                        Columns.instant(row, "opened_at"),
                        Columns.instant(row, "resolved_at"),
                        row.getString("root_cause_code")))
                .list();
    }

    boolean exists(UUID problemId) {
        return jdbc.sql("SELECT count(*) FROM problems WHERE problem_id = :id")
                        .param("id", problemId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Cost of fulfilled remedies per problem and currency, for cases opened in the range. */
    private Map<UUID, List<Money>> costs(List<UUID> problemIds, Instant from, Instant to) {
        var costs = new HashMap<UUID, List<Money>>();
        if (problemIds.isEmpty()) {
            return costs;
        }
        jdbc.sql("""
                        SELECT c.problem_id, r.currency, sum(r.amount_minor_units) AS total
                        FROM remedies r JOIN cases c ON c.case_id = r.case_id
                        WHERE c.problem_id IN (:ids) AND r.state = 'FULFILLED' AND r.amount_minor_units IS NOT NULL
                          AND c.opened_at >= :from AND c.opened_at < :to
                        GROUP BY 1, 2 ORDER BY 1, 2""")
                .param("ids", problemIds)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> costs.computeIfAbsent(
                                row.getObject("problem_id", UUID.class), id -> new java.util.ArrayList<>())
                        .add(new Money(row.getString("currency"), row.getLong("total"))))
                .list();
        return costs;
    }

    private static double share(long part, long total) {
        return total == 0 ? 0 : Math.round(part * 10000.0 / total) / 10000.0;
    }
}
