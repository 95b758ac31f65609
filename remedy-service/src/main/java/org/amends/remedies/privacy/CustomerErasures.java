package org.amends.remedies.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The erasures case-service announced, and who exported a customer's remedy record: the privacy audit here. */
@Repository
public class CustomerErasures {

    /** An erasure as announced by {@code amends.case.customer-erased.v1}. */
    public record Erasure(String erasedBy, Instant erasedAt) {}

    private final JdbcClient jdbc;

    CustomerErasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the erasure once; a repeated announcement changes nothing. */
    public void record(UUID customerId, String erasedBy, Instant erasedAt) {
        jdbc.sql("""
                        INSERT INTO customer_erasures (customer_id, erased_by, erased_at) VALUES (?, ?, ?)
                        ON CONFLICT (customer_id) DO NOTHING""").params(customerId, erasedBy, Timestamp.from(erasedAt)).update();
    }

    Optional<Erasure> of(UUID customerId) {
        return jdbc.sql("SELECT erased_by, erased_at FROM customer_erasures WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) ->
                        new Erasure(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    void exported(UUID customerId, String actor, Instant at) {
        jdbc.sql("INSERT INTO privacy_audit (at, actor, action, customer_id) VALUES (?, ?, 'EXPORT', ?)")
                .params(Timestamp.from(at), actor, customerId)
                .update();
    }
}
