package org.amends.remedies.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.remedies.model.Authority;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.Remedy;
import org.amends.remedies.model.RemedyState;
import org.amends.remedies.model.RemedyType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Where remedies are stored. */
@Repository
public class Remedies {

    private static final String COLUMNS = """
            id, case_id, customer_id, error_kind, type, amount_minor, currency, origin, proposed_by, proposed_at,
            required_approval, state, fulfiller, version""";

    private final JdbcClient jdbc;

    Remedies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Remedy> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM remedies WHERE id = ?")
                .param(id)
                .query(Remedies::remedy)
                .optional();
    }

    /** Reads and locks the remedy until the transaction ends, so two steps on one remedy run one after the other. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Remedy> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM remedies WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Remedies::remedy)
                .optional();
    }

    /** Every remedy of one customer, oldest first: the remedy part of the customer's data export. */
    public List<Remedy> ofCustomer(UUID customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM remedies WHERE customer_id = ? ORDER BY proposed_at, id")
                .param(customerId)
                .query(Remedies::remedy)
                .list();
    }

    public List<Remedy> ofCase(UUID caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM remedies WHERE case_id = ? ORDER BY proposed_at, id")
                .param(caseId)
                .query(Remedies::remedy)
                .list();
    }

    /**
     * Stores a new remedy as its proposal left it (approved and offered, when it approved itself), at version 1: the
     * proposal and what followed it in its transaction count as one change, as they did when the row was inserted and
     * then updated.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void add(Remedy remedy) {
        jdbc.sql("""
                        INSERT INTO remedies (id, case_id, customer_id, error_kind, type, amount_minor, currency, origin,
                            proposed_by, proposed_at, required_approval, state, fulfiller, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(
                        remedy.id(),
                        remedy.caseId(),
                        remedy.customerId(),
                        remedy.errorKind(),
                        remedy.type().name(),
                        remedy.amount().minorUnits(),
                        remedy.amount().currencyCode(),
                        remedy.origin().name(),
                        remedy.proposedBy(),
                        java.sql.Timestamp.from(remedy.proposedAt()),
                        remedy.requiredApproval().name(),
                        remedy.state().name(),
                        remedy.fulfiller())
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void update(Remedy remedy) {
        jdbc.sql("""
                        UPDATE remedies SET state = ?, required_approval = ?, fulfiller = ?, version = version + 1,
                            updated_at = now()
                        WHERE id = ?""")
                .params(remedy.state().name(), remedy.requiredApproval().name(), remedy.fulfiller(), remedy.id())
                .update();
    }

    /**
     * Count of remedies per type and state, for the gauges: the changes written since the last call (by the triggers
     * on {@code remedies}, V11) are folded into the totals first, in one statement that takes each change exactly once
     * even when several instances refresh at the same time; then the totals are read. The cost follows the changes,
     * not the size of the table.
     */
    List<TypeAndState> countByTypeAndState() {
        jdbc.sql("""
                        WITH taken AS (DELETE FROM remedy_count_changes RETURNING type, state, delta)
                        INSERT INTO remedy_counts AS c (type, state, n)
                        SELECT type, state, sum(delta) FROM taken GROUP BY type, state ORDER BY type, state
                        ON CONFLICT (type, state) DO UPDATE SET n = c.n + EXCLUDED.n""").update();
        return jdbc.sql("SELECT type, state, n AS count FROM remedy_counts WHERE n > 0")
                .query(TypeAndState.class)
                .list();
    }

    record TypeAndState(String type, String state, long count) {}

    private static Remedy remedy(ResultSet rs, int row) throws SQLException {
        return Remedy.restore(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getString("error_kind"),
                RemedyType.valueOf(rs.getString("type")),
                Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                Remedy.Origin.valueOf(rs.getString("origin")),
                rs.getString("proposed_by"),
                rs.getTimestamp("proposed_at").toInstant(),
                Authority.valueOf(rs.getString("required_approval")),
                RemedyState.valueOf(rs.getString("state")),
                rs.getString("fulfiller"),
                rs.getLong("version"));
    }
}
