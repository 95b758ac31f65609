package org.amends.cases.remedies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amends.messaging.CachedPlans;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What case-service knows of its cases' remedies. Events can arrive out of order, so a remedy's state only moves
 * forward through its steps, and its type and amount are kept from whichever event brought them.
 */
@Repository
public class CaseRemedies {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    CaseRemedies(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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

    /** One step of a remedy, as its event tells it. */
    record Step(
            UUID caseId,
            UUID remedyId,
            RemedyStep step,
            @Nullable String type,
            @Nullable Long amountMinorUnits,
            @Nullable String currency,
            Instant at) {}

    /** A remedy's row as its steps leave it. */
    record Row(
            UUID caseId,
            @Nullable String type,
            @Nullable Long amountMinorUnits,
            @Nullable String currency,
            String state,
            int step,
            boolean accepted,
            Instant updatedAt) {

        /**
         * This row after {@code next}, by the rules of the upsert in {@link #recordAll}: the state only moves forward
         * through the steps, type and amount are kept from whichever step brought them.
         */
        Row then(Step next) {
            var ahead = next.step().order() > step;
            return new Row(
                    caseId,
                    next.type() != null ? next.type() : type,
                    next.amountMinorUnits() != null ? next.amountMinorUnits() : amountMinorUnits,
                    next.currency() != null ? next.currency() : currency,
                    ahead ? next.step().name() : state,
                    Math.max(step, next.step().order()),
                    accepted || next.step().meansAccepted(),
                    next.at());
        }

        /** No row yet: every step is ahead of it. */
        static Row none(Step step) {
            return new Row(step.caseId(), null, null, null, "", 0, false, step.at());
        }

        CaseRemedy remedy(UUID remedyId) {
            return new CaseRemedy(remedyId, type, amountMinorUnits, currency, state);
        }
    }

    /** The rows of some remedies as they stand, for {@link #recordAll}. */
    record Stored(Map<UUID, Row> rows) {}

    /**
     * The rows of these remedies as they stand, read by an array of ids (in a transaction that keeps plans, call it
     * planned afresh: {@link CachedPlans#planAfresh}).
     */
    Stored stored(Collection<UUID> remedyIds) {
        var rows = new HashMap<UUID, Row>();
        jdbc.sql("""
                        SELECT remedy_id, case_id, remedy_type, amount_minor_units, currency, state, step, accepted,
                            updated_at
                        FROM case_remedies WHERE remedy_id = ANY (?)""")
                .param(remedyIds.toArray(UUID[]::new))
                .query((rs, n) -> rows.put(
                        rs.getObject("remedy_id", UUID.class),
                        new Row(
                                rs.getObject("case_id", UUID.class),
                                rs.getString("remedy_type"),
                                rs.getObject("amount_minor_units", Long.class),
                                rs.getString("currency"),
                                rs.getString("state"),
                                rs.getInt("step"),
                                rs.getBoolean("accepted"),
                                rs.getTimestamp("updated_at").toInstant())))
                .list();
        return new Stored(rows);
    }

    /**
     * Records steps of remedies in the order given, on the rows {@code stored} read before, in one round trip however
     * many there are: each remedy's row as its steps leave it (one upsert per remedy, sent as one JDBC batch). Returns
     * each remedy as it stood after each step, in the same order. Call it with the steps' cases locked; a remedy this
     * service has on another case is refused.
     */
    List<CaseRemedy> recordAll(List<Step> steps, Stored stored) {
        var rows = new LinkedHashMap<UUID, Row>();
        var after = new ArrayList<CaseRemedy>(steps.size());
        for (var step : steps) {
            var row = rows.getOrDefault(step.remedyId(), stored.rows().get(step.remedyId()));
            if (row != null && !row.caseId().equals(step.caseId())) {
                throw new AmqpRejectAndDontRequeueException(
                        "remedy " + step.remedyId() + " belongs to another case than " + step.caseId());
            }
            var next = (row == null ? Row.none(step) : row).then(step);
            rows.put(step.remedyId(), next);
            after.add(next.remedy(step.remedyId()));
        }
        // Every remedy's row once, merged again with the row as it stands by the same rules (a customer's answer on
        // the status page may have changed its state since it was read).
        batch.batchUpdate(
                """
                INSERT INTO case_remedies (remedy_id, case_id, remedy_type, amount_minor_units, currency,
                    state, step, accepted, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (remedy_id) DO UPDATE SET
                    remedy_type = coalesce(excluded.remedy_type, case_remedies.remedy_type),
                    amount_minor_units = coalesce(excluded.amount_minor_units, case_remedies.amount_minor_units),
                    currency = coalesce(excluded.currency, case_remedies.currency),
                    state = CASE WHEN excluded.step > case_remedies.step THEN excluded.state
                        ELSE case_remedies.state END,
                    step = greatest(excluded.step, case_remedies.step),
                    accepted = case_remedies.accepted OR excluded.accepted,
                    updated_at = excluded.updated_at""",
                rows.entrySet().stream()
                        .map(e -> {
                            var row = e.getValue();
                            return new Object[] {
                                e.getKey(),
                                row.caseId(),
                                row.type(),
                                row.amountMinorUnits(),
                                row.currency(),
                                row.state(),
                                row.step(),
                                row.accepted(),
                                row.updatedAt().atOffset(ZoneOffset.UTC)
                            };
                        })
                        .toList());
        return after;
    }
}
