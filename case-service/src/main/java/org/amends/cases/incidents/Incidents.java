package org.amends.cases.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored incidents, their updates and the cases linked to them. Updates are conditional on the version read. */
@Repository
class Incidents {

    /** Where a page starts: just after this incident in newest-first order. */
    record Position(Instant createdAt, UUID id) {}

    /** One update as stored. */
    record Update(long id, Instant at, String actor, Bilingual text) {}

    private final JdbcClient jdbc;

    Incidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String nextReference() {
        long n = jdbc.sql("SELECT nextval('incident_reference_seq')")
                .query(Long.class)
                .single();
        return "INC-%06d".formatted(n);
    }

    void insert(Incident i) {
        jdbc.sql("""
                        INSERT INTO incidents (id, reference, title, product, error_kind, statement_en, statement_es,
                            partners, status, started_at, created_by, created_at, updated_at, version)
                        VALUES (:id, :reference, :title, :product, :errorKind, :en, :es, :partners, :status,
                            :startedAt, :createdBy, :createdAt, :updatedAt, :version)""")
                .param("id", i.id())
                .param("reference", i.reference())
                .param("title", i.title())
                .param("product", i.product())
                .param("errorKind", i.errorKind().name())
                .param("en", i.statement().en())
                .param("es", i.statement().es())
                .param("partners", i.partners().toArray(String[]::new))
                .param("status", i.status().name())
                .param("startedAt", timestamp(i.startedAt()))
                .param("createdBy", i.createdBy())
                .param("createdAt", timestamp(i.createdAt()))
                .param("updatedAt", timestamp(i.updatedAt()))
                .param("version", i.version())
                .update();
    }

    /** Stores the changeable fields; false when the row no longer has {@code expectedVersion}. */
    boolean update(Incident i, long expectedVersion) {
        var cause = i.rootCause();
        return jdbc.sql("""
                        UPDATE incidents SET title = :title, statement_en = :en, statement_es = :es,
                            partners = :partners, status = :status, root_cause_code = :code,
                            root_cause_summary = :summary, resolved_at = :resolvedAt, updated_at = :updatedAt,
                            version = :version
                        WHERE id = :id AND version = :expected""")
                        .param("title", i.title())
                        .param("en", i.statement().en())
                        .param("es", i.statement().es())
                        .param("partners", i.partners().toArray(String[]::new))
                        .param("status", i.status().name())
                        .param("code", cause == null ? null : cause.code())
                        .param("summary", cause == null ? null : cause.summary())
                        .param("resolvedAt", timestamp(i.resolvedAt()))
                        .param("updatedAt", timestamp(i.updatedAt()))
                        .param("version", i.version())
                        .param("id", i.id())
                        .param("expected", expectedVersion)
                        .update()
                == 1;
    }

    Optional<Incident> find(UUID id) {
        return jdbc.sql("SELECT * FROM incidents WHERE id = ?")
                .param(id)
                .query(Incidents::map)
                .optional();
    }

    /** The newest incident still taking cases whose signature is this product (any case) and error kind. */
    Optional<Incident> openWithSignature(String product, ErrorKind errorKind) {
        return jdbc.sql("""
                        SELECT * FROM incidents
                        WHERE lower(product) = lower(?) AND error_kind = ? AND status <> 'RESOLVED'
                        ORDER BY created_at DESC, id DESC LIMIT 1""")
                .params(product, errorKind.name())
                .query(Incidents::map)
                .optional();
    }

    /** Newest first, keyset-paged; {@code partner} non-null: only incidents that list it. */
    List<Incident> list(@Nullable String partner, @Nullable Position after, int limit) {
        return jdbc.sql("""
                        SELECT * FROM incidents
                        WHERE (CAST(:partner AS text) IS NULL OR CAST(:partner AS text) = ANY (partners))
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("partner", partner)
                .param("afterAt", after == null ? null : timestamp(after.createdAt()))
                .param("afterId", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Incidents::map)
                .list();
    }

    /** Linked cases by case status; {@code partner} non-null: only the cases it filed. */
    Map<String, Long> linkedCasesByStatus(UUID incidentId, @Nullable String partner) {
        var counts = new LinkedHashMap<String, Long>();
        for (var status : CaseStatus.values()) {
            counts.put(status.name(), 0L);
        }
        jdbc.sql("""
                        SELECT status, count(*) AS n FROM cases
                        WHERE incident_id = :id
                          AND (CAST(:partner AS text) IS NULL
                               OR (submitted_by = CAST(:partner AS text) AND submitter_kind = 'PARTNER'))
                        GROUP BY status""")
                .param("id", incidentId)
                .param("partner", partner)
                .query((rs, n) -> counts.put(rs.getString("status"), rs.getLong("n")))
                .list();
        return counts;
    }

    /**
     * The linked cases' remedies by the state case-service last heard of (only states some remedy is in); {@code
     * partner} non-null: only the cases it filed.
     */
    Map<String, Long> linkedRemediesByState(UUID incidentId, @Nullable String partner) {
        var counts = new TreeMap<String, Long>();
        jdbc.sql("""
                        SELECT r.state, count(*) AS n FROM case_remedies r JOIN cases c ON c.id = r.case_id
                        WHERE c.incident_id = :id
                          AND (CAST(:partner AS text) IS NULL
                               OR (c.submitted_by = CAST(:partner AS text) AND c.submitter_kind = 'PARTNER'))
                        GROUP BY r.state""")
                .param("id", incidentId)
                .param("partner", partner)
                .query((rs, n) -> counts.put(rs.getString("state"), rs.getLong("n")))
                .list();
        return counts;
    }

    Update addUpdate(UUID incidentId, Instant at, String actor, Bilingual text) {
        var id = jdbc.sql("""
                        INSERT INTO incident_updates (incident_id, at, actor, text_en, text_es)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(incidentId, timestamp(at), actor, text.en(), text.es())
                .query(Long.class)
                .single();
        return new Update(id, at, actor, text);
    }

    List<Update> updates(UUID incidentId) {
        return jdbc.sql("SELECT * FROM incident_updates WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query((rs, n) -> new Update(
                        rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"),
                        new Bilingual(rs.getString("text_en"), rs.getString("text_es"))))
                .list();
    }

    /** The incident a case is linked to, if any. */
    Optional<UUID> incidentOf(UUID caseId) {
        return jdbc.sql("SELECT incident_id FROM cases WHERE id = ? AND incident_id IS NOT NULL")
                .param(caseId)
                .query(UUID.class)
                .optional();
    }

    /** Links many cases to the incident in one statement. */
    void link(UUID caseId, @Nullable UUID incidentId) {
        jdbc.sql("UPDATE cases SET incident_id = ? WHERE id = ?")
                .params(incidentId, caseId)
                .update();
    }

    /**
     * The linked cases a resolution may resolve: owned (acknowledged, investigating or reopened) and with no remedy
     * still in progress (every one of theirs fulfilled, rejected or declined).
     */
    List<UUID> resolvableLinkedCases(UUID incidentId) {
        return jdbc.sql("""
                        SELECT id FROM cases c
                        WHERE incident_id = ? AND status IN ('ACKNOWLEDGED', 'INVESTIGATING', 'REOPENED')
                          AND NOT EXISTS (SELECT 1 FROM case_remedies r
                                          WHERE r.case_id = c.id AND r.state NOT IN ('FULFILLED', 'REJECTED', 'DECLINED'))
                        ORDER BY id""").param(incidentId).query(UUID.class).list();
    }

    static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        var code = rs.getString("root_cause_code");
        return new Incident(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("title"),
                rs.getString("product"),
                ErrorKind.valueOf(rs.getString("error_kind")),
                new Bilingual(rs.getString("statement_en"), rs.getString("statement_es")),
                Arrays.asList((String[]) rs.getArray("partners").getArray()),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                code == null ? null : new RootCause(code, rs.getString("root_cause_summary")),
                instant(rs, "resolved_at"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"));
    }
}
