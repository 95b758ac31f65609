package org.amends.remedies.cases;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cases read model, fed by case-service's events. */
@Repository
public class Cases {

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CaseFacts> find(UUID caseId) {
        return jdbc.sql("""
                        SELECT case_id, customer_id, error_kind, severity, locale, partner, status
                        FROM cases WHERE case_id = ?""").param(caseId).query(CaseFacts.class).optional();
    }

    /**
     * Records a newly opened case, with the incident it was linked to and the amount concerned (a proactive case's),
     * if any; false if it was known already (an event replayed after the inbox was purged).
     */
    boolean recordOpened(
            CaseFacts facts,
            Instant openedAt,
            @Nullable UUID incidentId,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {
        return jdbc.sql("""
                                INSERT INTO cases
                                    (case_id, customer_id, error_kind, severity, locale, partner, status, opened_at,
                                     incident_id, amount_minor, amount_currency)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT (case_id) DO NOTHING""")
                        .params(
                                facts.caseId(),
                                facts.customerId(),
                                facts.errorKind(),
                                facts.severity(),
                                facts.locale(),
                                facts.partner(),
                                facts.status(),
                                java.sql.Timestamp.from(openedAt),
                                incidentId,
                                amountMinorUnits,
                                currency)
                        .update()
                == 1;
    }

    void recordStatus(UUID caseId, String status) {
        jdbc.sql("UPDATE cases SET status = ? WHERE case_id = ?")
                .params(status, caseId)
                .update();
    }
}
