package org.amends.remedies.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.remedies.cases.CaseFacts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incidents' remedy rules, the cases linked to each incident, and which case got the rule's remedy. */
@Repository
class IncidentRemedyRules {

    private static final String COLUMNS =
            "incident_id, remedy_type, basis, amount_minor, currency, set_by, set_at, approved_by, approved_at";

    private final JdbcClient jdbc;

    IncidentRemedyRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RemedyRule> find(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_remedy_rules WHERE incident_id = ?")
                .param(incidentId)
                .query(IncidentRemedyRules::rule)
                .optional();
    }

    Optional<RemedyRule> lock(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident_remedy_rules WHERE incident_id = ? FOR UPDATE")
                .param(incidentId)
                .query(IncidentRemedyRules::rule)
                .optional();
    }

    /** The rules an admin has yet to approve, oldest first: the longest waiting at the top of an approvals inbox. */
    List<RemedyRule> awaitingApproval(int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM incident_remedy_rules WHERE approved_at IS NULL ORDER BY set_at, incident_id LIMIT ?")
                .param(limit)
                .query(IncidentRemedyRules::rule)
                .list();
    }

    /** Sets the rule of an incident not yet approved; false when it is approved already (and nothing changed). */
    boolean put(RemedyRule rule) {
        return jdbc.sql("""
                                INSERT INTO incident_remedy_rules
                                    (incident_id, remedy_type, basis, amount_minor, currency, set_by, set_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT (incident_id) DO UPDATE SET
                                    remedy_type = excluded.remedy_type, basis = excluded.basis,
                                    amount_minor = excluded.amount_minor, currency = excluded.currency,
                                    set_by = excluded.set_by, set_at = excluded.set_at
                                WHERE incident_remedy_rules.approved_at IS NULL""")
                        .params(
                                rule.incidentId(),
                                rule.type().name(),
                                rule.basis().name(),
                                rule.amountMinorUnits(),
                                rule.currency(),
                                rule.setBy(),
                                Timestamp.from(rule.setAt()))
                        .update()
                == 1;
    }

    void approve(UUID incidentId, String by, Instant at) {
        jdbc.sql("UPDATE incident_remedy_rules SET approved_by = ?, approved_at = ? WHERE incident_id = ?")
                .params(by, Timestamp.from(at), incidentId)
                .update();
    }

    /** Linked cases still without the rule's remedy, by error kind and amount currency (null: no amount given). */
    List<PendingGroup> pendingGroups(UUID incidentId) {
        return jdbc.sql("""
                        SELECT c.error_kind, c.amount_currency, count(*) AS cases,
                               coalesce(sum(c.amount_minor), 0) AS amount
                        FROM cases c
                        WHERE c.incident_id = :id
                          AND NOT EXISTS (SELECT 1 FROM incident_remedies r
                                          WHERE r.incident_id = :id AND r.case_id = c.case_id)
                        GROUP BY c.error_kind, c.amount_currency
                        ORDER BY c.error_kind, c.amount_currency""")
                .param("id", incidentId)
                .query((rs, n) -> new PendingGroup(
                        rs.getString("error_kind"),
                        rs.getString("amount_currency"),
                        rs.getLong("cases"),
                        rs.getLong("amount")))
                .list();
    }

    /** Linked cases in total, and how many already got the rule's remedy (or were skipped). */
    long[] counts(UUID incidentId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM cases WHERE incident_id = :id) AS linked,
                               (SELECT count(*) FROM incident_remedies WHERE incident_id = :id AND remedy_id IS NOT NULL)
                                   AS created,
                               (SELECT count(*) FROM incident_remedies WHERE incident_id = :id AND remedy_id IS NULL)
                                   AS skipped""")
                .param("id", incidentId)
                .query((rs, n) -> new long[] {rs.getLong("linked"), rs.getLong("created"), rs.getLong("skipped")})
                .single();
    }

    /**
     * Claims the next approved rule some linked case still lacks the remedy of, locked until the transaction ends
     * ({@code SKIP LOCKED}: another instance's worker takes another incident, or waits for the next round).
     */
    Optional<RemedyRule> claimApprovedWithWork() {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM incident_remedy_rules r
                        WHERE r.approved_at IS NOT NULL
                          AND EXISTS (SELECT 1 FROM cases c WHERE c.incident_id = r.incident_id
                                        AND NOT EXISTS (SELECT 1 FROM incident_remedies x
                                                        WHERE x.incident_id = r.incident_id AND x.case_id = c.case_id))
                        ORDER BY r.approved_at LIMIT 1
                        FOR UPDATE SKIP LOCKED""")
                .query(IncidentRemedyRules::rule)
                .optional();
    }

    /** Up to {@code limit} linked cases still without the rule's remedy, with their amount concerned. */
    List<Pending> pendingCases(UUID incidentId, int limit) {
        return jdbc.sql("""
                        SELECT c.case_id, c.customer_id, c.error_kind, c.severity, c.locale, c.partner, c.status,
                               c.amount_minor, c.amount_currency
                        FROM cases c
                        WHERE c.incident_id = :id
                          AND NOT EXISTS (SELECT 1 FROM incident_remedies r
                                          WHERE r.incident_id = :id AND r.case_id = c.case_id)
                        ORDER BY c.case_id LIMIT :limit""")
                .param("id", incidentId)
                .param("limit", limit)
                .query((rs, n) -> new Pending(
                        new CaseFacts(
                                rs.getObject("case_id", UUID.class),
                                rs.getObject("customer_id", UUID.class),
                                rs.getString("error_kind"),
                                rs.getString("severity"),
                                rs.getString("locale"),
                                rs.getString("partner"),
                                rs.getString("status")),
                        (Long) rs.getObject("amount_minor"),
                        rs.getString("amount_currency")))
                .list();
    }

    /** Marks the case as served by the rule; false if it was already (nothing to do). */
    boolean claimCase(UUID incidentId, UUID caseId, @Nullable UUID remedyId, @Nullable String skipped, Instant at) {
        return jdbc.sql("""
                                INSERT INTO incident_remedies (incident_id, case_id, remedy_id, skipped, created_at)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(incidentId, caseId, remedyId, skipped, Timestamp.from(at))
                        .update()
                == 1;
    }

    record PendingGroup(String errorKind, @Nullable String currency, long cases, long amountMinorUnits) {}

    record Pending(
            CaseFacts facts,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {}

    private static RemedyRule rule(ResultSet rs, int row) throws SQLException {
        var approvedAt = rs.getTimestamp("approved_at");
        return new RemedyRule(
                rs.getObject("incident_id", UUID.class),
                org.amends.remedies.model.RemedyType.valueOf(rs.getString("remedy_type")),
                RemedyRule.Basis.valueOf(rs.getString("basis")),
                (Long) rs.getObject("amount_minor"),
                rs.getString("currency"),
                rs.getString("set_by"),
                rs.getTimestamp("set_at").toInstant(),
                rs.getString("approved_by"),
                approvedAt == null ? null : approvedAt.toInstant());
    }
}
