package org.amends.insight.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.insight.readmodel.Columns;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alerts raised; each at most once per {@code dedupKey}. */
@Repository
public class Alerts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One alert as the API shows it. */
    public record Alert(
            UUID alertId,
            AlertKind kind,
            @Nullable UUID problemId,
            @Nullable UUID caseId,
            @Nullable String signature,
            String summary,
            JsonNode details,
            Instant raisedAt,
            @Nullable Instant acknowledgedAt,
            @Nullable String acknowledgedBy) {}

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Raises the alert unless one with this key exists; true when it is new. */
    public boolean raise(
            AlertKind kind,
            String dedupKey,
            @Nullable UUID problemId,
            @Nullable UUID caseId,
            @Nullable String signature,
            String summary,
            Object details,
            Instant raisedAt) {
        return jdbc.sql("""
                        INSERT INTO alerts (alert_id, kind, dedup_key, problem_id, case_id, signature, summary, details,
                                            raised_at)
                        VALUES (:id, :kind, :key, :problemId, :caseId, :signature, :summary, CAST(:details AS jsonb),
                                :raisedAt)
                        ON CONFLICT (dedup_key) DO NOTHING""")
                        .param("id", UUID.randomUUID())
                        .param("kind", kind.name())
                        .param("key", dedupKey)
                        .param("problemId", problemId, java.sql.Types.OTHER)
                        .param("caseId", caseId, java.sql.Types.OTHER)
                        .param("signature", signature, java.sql.Types.VARCHAR)
                        .param("summary", summary)
                        .param("details", JSON.writeValueAsString(details))
                        .param("raisedAt", Timestamp.from(raisedAt))
                        .update()
                == 1;
    }

    public List<Alert> list(@Nullable AlertKind kind, @Nullable Boolean acknowledged, int limit, int offset) {
        return jdbc.sql("""
                        SELECT * FROM alerts
                        WHERE (CAST(:kind AS text) IS NULL OR kind = CAST(:kind AS text))
                          AND (CAST(:acknowledged AS boolean) IS NULL
                               OR (acknowledged_at IS NOT NULL) = CAST(:acknowledged AS boolean))
                        ORDER BY raised_at DESC, alert_id LIMIT :limit OFFSET :offset""")
                .param("kind", kind == null ? null : kind.name(), java.sql.Types.VARCHAR)
                .param("acknowledged", acknowledged, java.sql.Types.BOOLEAN)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> alert(row))
                .list();
    }

    public Optional<Alert> get(UUID alertId) {
        return jdbc.sql("SELECT * FROM alerts WHERE alert_id = :id")
                .param("id", alertId)
                .query((row, n) -> alert(row))
                .optional();
    }

    /** Marks the alert acknowledged (the first acknowledgement stays); empty when there is no such alert. */
    public Optional<Alert> acknowledge(UUID alertId, String by, Instant at) {
        jdbc.sql("""
                        UPDATE alerts SET acknowledged_at = :at, acknowledged_by = :by
                        WHERE alert_id = :id AND acknowledged_at IS NULL""")
                .param("id", alertId)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .update();
        return get(alertId);
    }

    private static Alert alert(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Alert(
                row.getObject("alert_id", UUID.class),
                AlertKind.valueOf(row.getString("kind")),
                row.getObject("problem_id", UUID.class),
                row.getObject("case_id", UUID.class),
                row.getString("signature"),
                row.getString("summary"),
                JSON.readTree(row.getString("details")),
                row.getTimestamp("raised_at").toInstant(),
                Columns.instant(row, "acknowledged_at"),
                row.getString("acknowledged_by"));
    }
}
