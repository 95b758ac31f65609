package org.amends.remedies.cases;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
     * A newly opened case, with the incident it was linked to and the amount concerned (a proactive case's), if any.
     */
    record Opened(
            CaseFacts facts,
            Instant openedAt,
            @Nullable UUID incidentId,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {}

    /**
     * Records newly opened cases with one statement, skipping those known already (an event replayed after the inbox
     * was purged); returns the ids of those that were new, in a set the caller may change.
     */
    Set<UUID> recordAllOpened(List<Opened> opened) {
        if (opened.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO cases
                            (case_id, customer_id, error_kind, severity, locale, partner, status, opened_at,
                             incident_id, amount_minor, amount_currency)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                                             ?::text[], ?::timestamptz[], ?::uuid[], ?::bigint[], ?::text[])
                        ON CONFLICT (case_id) DO NOTHING
                        RETURNING case_id""")
                .params(
                        column(opened, o -> o.facts().caseId()),
                        column(opened, o -> o.facts().customerId()),
                        column(opened, o -> o.facts().errorKind()),
                        column(opened, o -> o.facts().severity()),
                        column(opened, o -> o.facts().locale()),
                        column(opened, o -> o.facts().partner()),
                        column(opened, o -> o.facts().status()),
                        column(opened, Opened::openedAt),
                        column(opened, Opened::incidentId),
                        opened.stream().map(Opened::amountMinorUnits).toArray(Long[]::new),
                        column(opened, Opened::currency))
                .query(UUID.class)
                .list());
    }

    /** One column of the rows, as the text PostgreSQL casts to the column's type (null stays null). */
    private static String[] column(List<Opened> rows, Function<Opened, @Nullable Object> value) {
        return rows.stream()
                .map(row -> Objects.toString(value.apply(row), null))
                .toArray(String[]::new);
    }

    void recordStatus(UUID caseId, String status) {
        jdbc.sql("UPDATE cases SET status = ? WHERE case_id = ?")
                .params(status, caseId)
                .update();
    }
}
