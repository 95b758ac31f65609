package org.amends.cases.lifecycle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.amends.messaging.CachedPlans;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
    private final NamedParameterJdbcTemplate batch;

    Cases(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public String nextReference() {
        long n = jdbc.sql("SELECT nextval('case_reference_seq')")
                .query(Long.class)
                .single();
        return "AMD-%06d".formatted(n);
    }

    private static final String COLUMNS = """
            id, reference, channel, submitted_by, submitter_kind, customer_name, customer_email, customer_phone,
            customer_locale, customer_social, customer_audience, customer_id, product, error_kind, summary, description,
            impact, severity, sentiment, triage_reasons, order_reference, status, created_at, updated_at,
            acknowledged_at, acknowledge_due_at, resolve_due_at, version""";
    private static final String VALUES = """
            :id, :reference, :channel, :submittedBy, :submitterKind, :name, :email, :phone, :locale, :social,
            :audience, :customerId, :product, :errorKind, :summary, :description, :impact, :severity, :sentiment,
            :reasons, :orderReference, :status, :createdAt, :updatedAt, :acknowledgedAt, :acknowledgeDueAt, :resolveDueAt,
            :version""";
    private static final String INSERT = "INSERT INTO cases (" + COLUMNS + ") VALUES (" + VALUES + ")";
    /** The bulk import's: the cases are born linked to their incident (no second write of every row to link it). */
    private static final String INSERT_LINKED =
            "INSERT INTO cases (" + COLUMNS + ", incident_id) VALUES (" + VALUES + ", :incidentId)";

    private static final String UPDATE = """
            UPDATE cases SET status = :status, updated_at = :updatedAt, acknowledged_at = :acknowledgedAt,
                resolved_at = :resolvedAt, closed_at = :closedAt, root_cause_code = :rootCauseCode,
                root_cause_summary = :rootCauseSummary, version = :version
            WHERE id = :id AND version = :expectedVersion""";

    public void insert(Case aCase) {
        jdbc.sql(INSERT).params(insertParams(aCase)).update();
    }

    /**
     * Inserts many new cases of one incident, linked to it and as they are (an incident's cases are born
     * acknowledged), in one JDBC batch (the bulk import's form of
     * {@link #insert}; the driver rewrites the batch into multi-row inserts, see {@code reWriteBatchedInserts}).
     */
    public void insertAll(List<Case> all, UUID incidentId) {
        batch.batchUpdate(
                INSERT_LINKED,
                all.stream()
                        .map(c -> new MapSqlParameterSource(insertParams(c)).addValue("incidentId", incidentId))
                        .toArray(SqlParameterSource[]::new));
    }

    /** References for {@code count} new cases, in one round trip. */
    public List<String> nextReferences(int count) {
        return jdbc
                .sql("SELECT nextval('case_reference_seq') FROM generate_series(1, ?)")
                .param(count)
                .query(Long.class)
                .list()
                .stream()
                .map("AMD-%06d"::formatted)
                .toList();
    }

    private static Map<String, @Nullable Object> insertParams(Case aCase) {
        var s = aCase.snapshot();
        var p = new HashMap<String, @Nullable Object>();
        p.put("id", s.id());
        p.put("reference", s.reference());
        p.put("channel", s.channel().name());
        p.put("submittedBy", s.submitter().id());
        p.put("submitterKind", s.submitter().kind().name());
        p.put("name", s.customer().name());
        p.put("email", s.customer().email());
        p.put("phone", s.customer().phone());
        p.put("locale", s.customer().locale());
        p.put("social", s.customer().socialHandle());
        p.put("audience", s.customer().audienceSize());
        p.put("customerId", s.customerId());
        p.put("product", s.complaint().product());
        p.put("errorKind", s.complaint().errorKind().name());
        p.put("summary", s.complaint().summary());
        p.put("description", s.complaint().description());
        p.put("impact", s.complaint().impact().name());
        p.put("severity", s.triage().severity().name());
        p.put("sentiment", s.triage().sentiment());
        p.put("reasons", s.triage().reasons().toArray(String[]::new));
        p.put("orderReference", s.complaint().orderReference());
        p.put("status", s.status().name());
        p.put("createdAt", timestamp(s.createdAt()));
        p.put("updatedAt", timestamp(s.updatedAt()));
        // Set only for a case born acknowledged (an incident's proactive case); a case filed by a customer is not.
        p.put("acknowledgedAt", timestamp(s.acknowledgedAt()));
        p.put("acknowledgeDueAt", timestamp(s.acknowledgeDueAt()));
        p.put("resolveDueAt", timestamp(s.resolveDueAt()));
        p.put("version", s.version());
        return p;
    }

    public Optional<Case> find(UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ?")
                .param(id)
                .query(Cases::map)
                .optional();
    }

    /** Stores the lifecycle fields; false when the row no longer has {@code expectedVersion} (someone else won). */
    public boolean update(Case aCase, long expectedVersion) {
        return jdbc.sql(UPDATE).params(updateParams(aCase, expectedVersion)).update() == 1;
    }

    private static Map<String, @Nullable Object> updateParams(Case aCase, long expectedVersion) {
        var s = aCase.snapshot();
        var rootCause = s.rootCause();
        var p = new HashMap<String, @Nullable Object>();
        p.put("status", s.status().name());
        p.put("updatedAt", timestamp(s.updatedAt()));
        p.put("acknowledgedAt", timestamp(s.acknowledgedAt()));
        p.put("resolvedAt", timestamp(s.resolvedAt()));
        p.put("closedAt", timestamp(s.closedAt()));
        p.put("rootCauseCode", rootCause == null ? null : rootCause.code());
        p.put("rootCauseSummary", rootCause == null ? null : rootCause.summary());
        p.put("version", s.version());
        p.put("id", s.id());
        p.put("expectedVersion", expectedVersion);
        return p;
    }

    /** Locks the case's row for the rest of the transaction, so one case's events are applied one at a time. */
    public Optional<Case> lock(UUID id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Cases::map)
                .optional();
    }

    /**
     * Locks many cases for change in one statement, in the order of their ids, so two transactions that lock some of
     * the same cases cannot deadlock. Returns those that exist, by id. A search by an array: in a transaction that
     * keeps plans, call it planned afresh ({@link CachedPlans#planAfresh}).
     */
    public Map<UUID, Case> lockAll(Collection<UUID> ids) {
        var locked = new HashMap<UUID, Case>();
        jdbc.sql("SELECT * FROM cases WHERE id = ANY (?) ORDER BY id FOR UPDATE")
                .param(ids.toArray(UUID[]::new))
                .query(Cases::map)
                .list()
                .forEach(aCase -> locked.put(aCase.id(), aCase));
        return locked;
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
