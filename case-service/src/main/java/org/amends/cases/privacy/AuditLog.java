package org.amends.cases.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who looked at or erased whose personal data, and when. Append-only: nothing in the service updates or deletes it.
 * (What was done to each case is on its timeline, every entry with its actor.)
 */
@Repository
public class AuditLog {

    /** One audited action. */
    @Schema(name = "AuditEntry")
    public record Entry(Instant at, String actor, String action, UUID customerId, String detail) {}

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, String actor, String action, UUID customerId, String detail) {
        jdbc.sql("INSERT INTO audit_log (at, actor, action, customer_id, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(at), actor, action, customerId, detail)
                .update();
    }

    List<Entry> of(UUID customerId) {
        return jdbc.sql(
                        "SELECT at, actor, action, customer_id, detail FROM audit_log WHERE customer_id = ? ORDER BY id")
                .param(customerId)
                .query((rs, n) -> new Entry(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("detail")))
                .list();
    }
}
