package org.amends.cases.lifecycle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.lifecycle.model.RootCause;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.cases.lifecycle.model.Triage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored cases. Updates are conditional on the version read, so a lost race is detected, never overwritten. */
@Repository
public class Cases {

    /** Which cases a list asks for; null fields do not filter. */
    public record Filter(
            @Nullable CaseStatus status,
            @Nullable Severity severity,
            @Nullable Channel channel,
            @Nullable ErrorKind errorKind,
            boolean breachedOnly,
            @Nullable Submitter submitter) {}

    /** Where a page starts: just after this case in newest-first order. */
    public record Position(Instant createdAt, UUID id) {}

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String nextReference() {
        long n = jdbc.sql("SELECT nextval('case_reference_seq')")
                .query(Long.class)
                .single();
        return "AMD-%06d".formatted(n);
    }

    public void insert(Case aCase) {
        var s = aCase.snapshot();
        jdbc.sql("""
                        INSERT INTO cases (id, reference, channel, submitted_by, submitter_kind, customer_name,
                            customer_email, customer_phone, customer_locale, customer_social, customer_audience,
                            customer_id, product, error_kind, summary, description, impact, severity, sentiment,
                            triage_reasons, order_reference, status, created_at, updated_at, acknowledge_due_at,
                            resolve_due_at, version)
                        VALUES (:id, :reference, :channel, :submittedBy, :submitterKind, :name, :email, :phone,
                            :locale, :social, :audience, :customerId, :product, :errorKind, :summary, :description,
                            :impact, :severity, :sentiment, :reasons, :orderReference, :status, :createdAt,
                            :updatedAt, :acknowledgeDueAt, :resolveDueAt, :version)""")
                .param("id", s.id())
                .param("reference", s.reference())
                .param("channel", s.channel().name())
                .param("submittedBy", s.submitter().id())
                .param("submitterKind", s.submitter().kind().name())
                .param("name", s.customer().name())
                .param("email", s.customer().email())
                .param("phone", s.customer().phone())
                .param("locale", s.customer().locale())
                .param("social", s.customer().socialHandle())
                .param("audience", s.customer().audienceSize())
                .param("customerId", s.customerId())
                .param("product", s.complaint().product())
                .param("errorKind", s.complaint().errorKind().name())
                .param("summary", s.complaint().summary())
                .param("description", s.complaint().description())
                .param("impact", s.complaint().impact().name())
                .param("severity", s.triage().severity().name())
                .param("sentiment", s.triage().sentiment())
                .param("reasons", s.triage().reasons().toArray(String[]::new))
                .param("orderReference", s.complaint().orderReference())
                .param("status", s.status().name())
                .param("createdAt", timestamp(s.createdAt()))
                .param("updatedAt", timestamp(s.updatedAt()))
                .param("acknowledgeDueAt", timestamp(s.acknowledgeDueAt()))
                .param("resolveDueAt", timestamp(s.resolveDueAt()))
                .param("version", s.version())
                .update();
    }

    public Optional<Case> find(UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ?")
                .param(id)
                .query(Cases::map)
                .optional();
    }

    /** Stores the lifecycle fields; false when the row no longer has {@code expectedVersion} (someone else won). */
    public boolean update(Case aCase, long expectedVersion) {
        var s = aCase.snapshot();
        var rootCause = s.rootCause();
        return jdbc.sql("""
                        UPDATE cases SET status = :status, updated_at = :updatedAt, acknowledged_at = :acknowledgedAt,
                            resolved_at = :resolvedAt, closed_at = :closedAt, root_cause_code = :rootCauseCode,
                            root_cause_summary = :rootCauseSummary, version = :version
                        WHERE id = :id AND version = :expectedVersion""")
                        .param("status", s.status().name())
                        .param("updatedAt", timestamp(s.updatedAt()))
                        .param("acknowledgedAt", timestamp(s.acknowledgedAt()))
                        .param("resolvedAt", timestamp(s.resolvedAt()))
                        .param("closedAt", timestamp(s.closedAt()))
                        .param("rootCauseCode", rootCause == null ? null : rootCause.code())
                        .param("rootCauseSummary", rootCause == null ? null : rootCause.summary())
                        .param("version", s.version())
                        .param("id", s.id())
                        .param("expectedVersion", expectedVersion)
                        .update()
                == 1;
    }

    /** Locks the case's row for the rest of the transaction, so one case's events are applied one at a time. */
    public Optional<Case> lock(UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Cases::map)
                .optional();
    }

    /** Marks the case for a supervisor; true the first time only. Not a lifecycle step, so the version stays. */
    public boolean escalate(UUID id, Instant at) {
        return jdbc.sql("UPDATE cases SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL")
                        .params(timestamp(at), id)
                        .update()
                == 1;
    }

    /** Newest first, keyset-paged on (created_at, id). */
    public List<Case> list(Filter filter, @Nullable Position after, int limit) {
        var where = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        if (filter.status() != null) {
            where.add("status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.severity() != null) {
            where.add("severity = :severity");
            params.put("severity", filter.severity().name());
        }
        if (filter.channel() != null) {
            where.add("channel = :channel");
            params.put("channel", filter.channel().name());
        }
        if (filter.errorKind() != null) {
            where.add("error_kind = :errorKind");
            params.put("errorKind", filter.errorKind().name());
        }
        if (filter.breachedOnly()) {
            where.add("(acknowledge_breached_at IS NOT NULL OR resolve_breached_at IS NOT NULL)");
        }
        if (filter.submitter() != null) {
            where.add("submitted_by = :submittedBy AND submitter_kind = :submitterKind");
            params.put("submittedBy", filter.submitter().id());
            params.put("submitterKind", filter.submitter().kind().name());
        }
        if (after != null) {
            where.add("(created_at, id) < (:afterCreatedAt, :afterId)");
            params.put("afterCreatedAt", timestamp(after.createdAt()));
            params.put("afterId", after.id());
        }
        var query = "SELECT * FROM cases" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        params.put("limit", limit);
        return jdbc.sql(query).params(params).query(Cases::map).list();
    }

    static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant required(ResultSet rs, String column) throws SQLException {
        var value = instant(rs, column);
        if (value == null) {
            throw new IllegalStateException(column + " is null");
        }
        return value;
    }

    private static Case map(ResultSet rs, int row) throws SQLException {
        var audience = rs.getObject("customer_audience", Long.class);
        var rootCauseCode = rs.getString("root_cause_code");
        Array reasons = rs.getArray("triage_reasons");
        return Case.restore(new Case.Snapshot(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                Channel.valueOf(rs.getString("channel")),
                new Submitter(rs.getString("submitted_by"), SubmitterKind.valueOf(rs.getString("submitter_kind"))),
                new Customer(
                        rs.getString("customer_name"),
                        rs.getString("customer_email"),
                        rs.getString("customer_phone"),
                        rs.getString("customer_locale"),
                        rs.getString("customer_social"),
                        audience),
                rs.getObject("customer_id", UUID.class),
                new Complaint(
                        rs.getString("product"),
                        ErrorKind.valueOf(rs.getString("error_kind")),
                        rs.getString("summary"),
                        rs.getString("description"),
                        Impact.valueOf(rs.getString("impact")),
                        rs.getString("order_reference")),
                new Triage(
                        Severity.valueOf(rs.getString("severity")), rs.getDouble("sentiment"), Arrays.asList((String[])
                                reasons.getArray())),
                CaseStatus.valueOf(rs.getString("status")),
                required(rs, "created_at"),
                required(rs, "updated_at"),
                required(rs, "acknowledge_due_at"),
                required(rs, "resolve_due_at"),
                instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                rootCauseCode == null ? null : new RootCause(rootCauseCode, rs.getString("root_cause_summary")),
                instant(rs, "acknowledge_breached_at"),
                instant(rs, "resolve_breached_at"),
                instant(rs, "escalated_at"),
                rs.getLong("version")));
    }
}
