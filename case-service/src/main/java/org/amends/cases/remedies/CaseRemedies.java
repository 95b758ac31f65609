package org.amends.cases.remedies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What case-service knows of its cases' remedies. Events can arrive out of order, so a remedy's state only moves
 * forward through its steps, and its type and amount are kept from whichever event brought them.
 */
@Repository
public class CaseRemedies {

    private final JdbcClient jdbc;

    CaseRemedies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A case's remedies, oldest first. */
    public List<CaseRemedy> of(UUID caseId) {
        return jdbc.sql("""
                        SELECT remedy_id, remedy_type AS type, amount_minor_units, currency, state FROM case_remedies
                        WHERE case_id = ? ORDER BY updated_at, remedy_id""").param(caseId).query(CaseRemedy.class).list();
    }

    public Optional<CaseRemedy> find(UUID caseId, UUID remedyId) {
        return jdbc.sql("""
                        SELECT remedy_id, remedy_type AS type, amount_minor_units, currency, state FROM case_remedies
                        WHERE case_id = ? AND remedy_id = ?""").params(caseId, remedyId).query(CaseRemedy.class).optional();
    }

    /** Whether any remedy of the case was accepted by the customer. */
    public boolean anyAccepted(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM case_remedies WHERE case_id = ? AND accepted")
                        .param(caseId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether the case has accepted remedies and every one of them was delivered. */
    boolean allAcceptedFulfilled(UUID caseId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE accepted) > 0
                            AND count(*) FILTER (WHERE accepted AND state <> 'FULFILLED') = 0
                        FROM case_remedies WHERE case_id = ?""").param(caseId).query(Boolean.class).single();
    }

    /**
     * Records the customer's answer to an offer as given on the status page. The step stays at "offered", so
     * remedy-service's own event (accepted, or declined if an agent answered first) still settles the state.
     */
    public void answered(UUID caseId, UUID remedyId, String state) {
        jdbc.sql("UPDATE case_remedies SET state = ? WHERE case_id = ? AND remedy_id = ? AND state = 'OFFERED'")
                .params(state, caseId, remedyId)
                .update();
    }

    /** Records a step of a remedy; returns the remedy as it now stands. */
    CaseRemedy record(
            UUID caseId,
            UUID remedyId,
            RemedyStep step,
            @Nullable String type,
            @Nullable Long amountMinorUnits,
            @Nullable String currency,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO case_remedies (remedy_id, case_id, remedy_type, amount_minor_units, currency,
                            state, step, accepted, updated_at)
                        VALUES (:remedyId, :caseId, :type, :amount, :currency, :state, :step, :accepted, :at)
                        ON CONFLICT (remedy_id) DO UPDATE SET
                            remedy_type = coalesce(excluded.remedy_type, case_remedies.remedy_type),
                            amount_minor_units = coalesce(excluded.amount_minor_units, case_remedies.amount_minor_units),
                            currency = coalesce(excluded.currency, case_remedies.currency),
                            state = CASE WHEN excluded.step > case_remedies.step THEN excluded.state
                                ELSE case_remedies.state END,
                            step = greatest(excluded.step, case_remedies.step),
                            accepted = case_remedies.accepted OR excluded.accepted,
                            updated_at = excluded.updated_at""")
                .param("remedyId", remedyId)
                .param("caseId", caseId)
                .param("type", type)
                .param("amount", amountMinorUnits)
                .param("currency", currency)
                .param("state", step.name())
                .param("step", step.order())
                .param("accepted", step.meansAccepted())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        return find(caseId, remedyId).orElseThrow();
    }
}
