package org.amends.insight.readmodel;

import static org.amends.insight.readmodel.Columns.instant;
import static org.amends.insight.readmodel.Columns.text;
import static org.amends.insight.readmodel.Columns.timestamp;
import static org.amends.insight.readmodel.Columns.uuid;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.remedies.RemedyEvents;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.messaging.PerTransaction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Applies one case or remedy event to the read models. Order does not matter: a case row keeps, per fact, the value
 * of the highest case version that set it (an older event only fills facts still missing); a remedy keeps the
 * furthest lifecycle step seen and the amount of the latest step that priced it. Live application also feeds the
 * metrics; a replay ({@link Rebuild}) writes the same rows and records nothing.
 */
@Component
public class ReadModel {

    private static final Map<String, Integer> REMEDY_STEPS = Map.of(
            RemedyEvents.PROPOSED.type(), 1,
            RemedyEvents.APPROVED.type(), 2,
            RemedyEvents.REJECTED.type(), 2,
            RemedyEvents.OFFERED.type(), 3,
            RemedyEvents.ACCEPTED.type(), 4,
            RemedyEvents.DECLINED.type(), 4,
            RemedyEvents.FULFILLING.type(), 5,
            RemedyEvents.FAILED.type(), 6,
            RemedyEvents.FULFILLED.type(), 7);

    private final JdbcClient jdbc;
    private final InsightMetrics metrics;
    private final PerTransaction<Map<Signature, Seen>> problemsSeen;

    ReadModel(JdbcClient jdbc, InsightMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.problemsSeen = new PerTransaction<>(HashMap::new, this::writeProblems);
    }

    /** What {@link #applyAll} hands on for each event once it is applied: the case, when the event opened it. */
    @FunctionalInterface
    public interface Applied {
        void applied(ReceivedEvent event, Optional<OpenedCase> opened);
    }

    /**
     * Applies the events in the order given, as {@link #apply} would one by one, and hands each to {@code then} once
     * it is applied. A run of two or more consecutive openings of distinct cases, or acknowledgements of distinct
     * cases, is written with one statement: what the outbox relay publishes for an incident import's batch (its
     * thousand openings, then their acknowledgements). That is sound because a case's row does not depend on the order
     * of its own events and the events of a run touch one row each. What the statement cannot apply (an opening whose
     * row an earlier event created, an acknowledgement that came before its opening) goes the one-by-one way, as do a
     * lone case event and every other case event type. A run of remedy events, one or many, is written with one
     * statement too (a remedy queue's batch is one run).
     *
     * @param live false during a replay: the rows are written the same way, but no metric is recorded
     */
    public void applyAll(List<ReceivedEvent> events, boolean live, Applied then) {
        int start = 0;
        while (start < events.size()) {
            var type = events.get(start).type();
            boolean opening = type.equals(CaseEvents.OPENED.type());
            int end = start + 1;
            if (isRemedyStep(type)) {
                while (end < events.size() && isRemedyStep(events.get(end).type())) {
                    end++;
                }
                var run = events.subList(start, end);
                remedies(run, live);
                run.forEach(event -> then.applied(event, Optional.empty()));
                start = end;
                continue;
            }
            if (opening || type.equals(CaseEvents.ACKNOWLEDGED.type())) {
                var cases = new HashSet<UUID>();
                cases.add(caseId(events.get(start)));
                while (end < events.size()
                        && events.get(end).type().equals(type)
                        && cases.add(caseId(events.get(end)))) {
                    end++;
                }
            }
            var run = events.subList(start, end);
            if (run.size() == 1) {
                then.applied(run.getFirst(), apply(run.getFirst(), live));
            } else if (opening) {
                var opened = openedAll(run, live);
                for (int i = 0; i < run.size(); i++) {
                    then.applied(run.get(i), opened.get(i));
                }
            } else {
                acknowledgedAll(run, live);
                run.forEach(event -> then.applied(event, Optional.empty()));
            }
            start = end;
        }
    }

    /**
     * Applies the event; returns the case when this event is the one that opened it (the detectors' cue).
     *
     * @param live false during a replay: the rows are written the same way, but no metric is recorded
     */
    private Optional<OpenedCase> apply(ReceivedEvent event, boolean live) {
        if (event.type().equals(CaseEvents.CUSTOMER_ERASED.type())) {
            // Nothing personal is held here: cases carry only the pseudonymous customer id, which no contact maps to
            // once case-service has erased them, so the anonymised facts stay for the statistics as they are.
            return Optional.empty();
        }
        return caseEvent(event, live);
    }

    private Optional<OpenedCase> caseEvent(ReceivedEvent event, boolean live) {
        var data = event.data();
        var row = caseRow(event);
        var caseId = row.caseId();
        var type = event.type();
        // The opening and the acknowledgement (an import's two events per case) keep the row's version and status in
        // their own statement; every other event first.
        if (!type.equals(CaseEvents.OPENED.type()) && !type.equals(CaseEvents.ACKNOWLEDGED.type())) {
            ensureCase(row);
        }

        Optional<OpenedCase> opened = Optional.empty();
        if (type.equals(CaseEvents.OPENED.type())) {
            opened = opened(Opening.of(row, data), live);
        } else if (type.equals(CaseEvents.ACKNOWLEDGED.type())) {
            acknowledged(row, data, live);
        } else if (type.equals(CaseEvents.SLA_BREACHED.type())) {
            var clock = Objects.requireNonNullElse(text(data, "clock"), "");
            var column = clock.equals("ACKNOWLEDGEMENT") ? "acknowledgement_breached" : "resolution_breached";
            jdbc.sql("UPDATE cases SET " + column + " = true WHERE case_id = :id")
                    .param("id", caseId)
                    .update();
            if (live) {
                metrics.slaBreach(clock);
            }
        } else if (type.equals(CaseEvents.RESOLVED.type())) {
            jdbc.sql("""
                            UPDATE cases SET
                                product = COALESCE(product, :product),
                                error_kind = COALESCE(error_kind, :errorKind),
                                resolved_at = CASE WHEN resolved_version IS NULL OR :v > resolved_version
                                    THEN :at ELSE resolved_at END,
                                resolved_within_sla = CASE WHEN resolved_version IS NULL OR :v > resolved_version
                                    THEN :withinSla ELSE resolved_within_sla END,
                                root_cause_code = CASE WHEN resolved_version IS NULL OR :v > resolved_version
                                    THEN :rootCause ELSE root_cause_code END,
                                resolved_version = GREATEST(COALESCE(resolved_version, 0), :v)
                            WHERE case_id = :id""")
                    .param("id", caseId)
                    .param("v", row.version())
                    .param("product", text(data, "product"))
                    .param("errorKind", text(data, "errorKind"))
                    .param("at", timestamp(data, "resolvedAt"))
                    .param("withinSla", data.path("withinSla").asBoolean())
                    .param("rootCause", text(data, "rootCauseCode"))
                    .update();
        } else if (type.equals(CaseEvents.CLOSED.type())) {
            jdbc.sql("UPDATE cases SET closed_at = GREATEST(closed_at, :at) WHERE case_id = :id")
                    .param("id", caseId)
                    .param("at", timestamp(data, "closedAt"))
                    .update();
        } else if (type.equals(CaseEvents.REMEDY_ACCEPTED.type())) {
            jdbc.sql("UPDATE cases SET remedy_accepted = true WHERE case_id = :id")
                    .param("id", caseId)
                    .update();
        } else if (type.equals(CaseEvents.FEEDBACK_RECEIVED.type())) {
            var rating = data.path("rating").asInt();
            var withRemedy = data.path("withRemedy").asBoolean();
            var first = jdbc.sql("""
                            UPDATE cases SET rating = :rating, rating_with_remedy = :withRemedy, rated_at = :at
                            WHERE case_id = :id AND rating IS NULL""")
                            .param("id", caseId)
                            .param("rating", rating)
                            .param("withRemedy", withRemedy)
                            .param("at", timestamp(data, "receivedAt"))
                            .update()
                    == 1;
            if (first && live) {
                metrics.csat(withRemedy, rating);
            }
        }
        // A time to resolve needs opened_at and resolved_at: only the events that set one of them can complete it (the
        // opening measures it itself when the resolution came first, as it does the time to acknowledge).
        if (type.equals(CaseEvents.RESOLVED.type())) {
            measureResolution(caseId, live);
        }
        return opened;
    }

    /** The case a case event is about; required. */
    private static UUID caseId(ReceivedEvent event) {
        return Objects.requireNonNull(uuid(event.data(), "caseId"), "caseId");
    }

    /** What the case event says about its case's row; its case id is required. */
    private static CaseRow caseRow(ReceivedEvent event) {
        var data = event.data();
        var caseId = caseId(event);
        var version = data.path("caseVersion").asLong();
        var type = event.type();
        String status = null;
        if (type.equals(CaseEvents.OPENED.type())
                || type.equals(CaseEvents.ACKNOWLEDGED.type())
                || type.equals(CaseEvents.REOPENED.type())) {
            status = "OPEN";
        } else if (type.equals(CaseEvents.RESOLVED.type())) {
            status = "RESOLVED";
        } else if (type.equals(CaseEvents.CLOSED.type())) {
            status = "CLOSED";
        }
        // Only case.opened and case.acknowledged name the incident a case is linked to.
        var incidentId = type.equals(CaseEvents.OPENED.type()) || type.equals(CaseEvents.ACKNOWLEDGED.type())
                ? uuid(data, "incidentId")
                : null;
        return new CaseRow(caseId, text(data, "reference"), version, status, incidentId);
    }

    /** What every case event says about its case's row. */
    private record CaseRow(
            UUID caseId,
            @Nullable String reference,
            long version,
            @Nullable String status,
            @Nullable UUID incidentId) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement
                    .param("id", caseId)
                    .param("reference", reference)
                    .param("v", version)
                    .param("status", status)
                    .param("incident", incidentId);
        }
    }

    /**
     * How an event updates an existing case row ({@code cases}): the status of its highest version, the first reference
     * and incident named (a case belongs to one incident; a redelivery changes nothing). The arguments are the SQL
     * expressions of the event's values: {@link CaseRow#bind}'s parameters, or a set-based statement's columns.
     */
    private static String keepNewest(String reference, String incident, String version, String status) {
        return """
                reference = COALESCE(cases.reference, %1$s),
                incident_id = COALESCE(cases.incident_id, %2$s),
                version = GREATEST(cases.version, %3$s),
                status = CASE WHEN %4$s IS NOT NULL AND %3$s > cases.status_version
                    THEN %4$s ELSE cases.status END,
                status_version = CASE WHEN %4$s IS NOT NULL AND %3$s > cases.status_version
                    THEN %3$s ELSE cases.status_version END""".formatted(reference, incident, version, status);
    }

    /** {@link #keepNewest} of one event's values, bound by {@link CaseRow#bind}. */
    private static final String KEEP_NEWEST = keepNewest(":reference", ":incident", ":v", "CAST(:status AS text)");

    /** The case's row, created by whichever of its events comes first, or updated as {@link #KEEP_NEWEST} says. */
    private void ensureCase(CaseRow row) {
        row.bind(jdbc.sql("""
                                INSERT INTO cases (case_id, reference, version, status, status_version, incident_id)
                                VALUES (:id, :reference, :v, COALESCE(CAST(:status AS text), 'OPEN'),
                                        CASE WHEN CAST(:status AS text) IS NULL THEN 0 ELSE :v END, :incident)
                                ON CONFLICT (case_id) DO UPDATE SET
                                """ + KEEP_NEWEST)).update();
    }

    /**
     * Sets the acknowledgement and, when the opening is known, records the time to acknowledge: in one statement with
     * the row's version and status when the row exists (it is locked first, so its state before the update, measured
     * or not, is read safely), else after creating it.
     */
    private void acknowledged(CaseRow row, JsonNode data, boolean live) {
        var updated = acknowledge(row, data, live);
        if (!updated) {
            // The acknowledgement came before the opening: no row yet.
            ensureCase(row);
            acknowledge(row, data, live);
        }
    }

    /** What an acknowledgement sets on an existing row; the arguments are SQL expressions, as {@link #keepNewest}'s. */
    private static String acknowledgement(String at, String withinSla) {
        return """
                acknowledged_at = COALESCE(cases.acknowledged_at, %1$s),
                acknowledged_within_sla = COALESCE(cases.acknowledged_within_sla, %2$s),
                acknowledgement_measured = cases.acknowledgement_measured
                    OR (cases.opened_at IS NOT NULL AND COALESCE(cases.acknowledged_at, %1$s) IS NOT NULL)""".formatted(at, withinSla);
    }

    /** What an acknowledgement's update returns: whether it completed the time to acknowledge, and that time. */
    private static final String ACKNOWLEDGEMENT_MEASURED = """
            cases.acknowledgement_measured AND NOT before.acknowledgement_measured AS measured_now,
                cases.channel, cases.severity, EXTRACT(EPOCH FROM cases.acknowledged_at - cases.opened_at) AS seconds""";

    private boolean acknowledge(CaseRow row, JsonNode data, boolean live) {
        return !row.bind(jdbc.sql("UPDATE cases SET " + KEEP_NEWEST + ",\n"
                        + acknowledgement(":at", ":withinSla") + """

                                FROM (SELECT acknowledgement_measured FROM cases WHERE case_id = :id FOR UPDATE) before
                                WHERE cases.case_id = :id
                                RETURNING cases.case_id,\s""" + ACKNOWLEDGEMENT_MEASURED))
                .param("at", timestamp(data, "acknowledgedAt"), java.sql.Types.TIMESTAMP)
                .param("withinSla", data.path("withinSla").asBoolean())
                .query((result, n) -> timeToAcknowledge(result, live))
                .list()
                .isEmpty();
    }

    /**
     * A run of acknowledgements of distinct cases ({@link #applyAll}), in one statement for the rows that exist (locked
     * first, as {@link #acknowledge} does); the rest came before their opening and go the one-by-one way.
     */
    private void acknowledgedAll(List<ReceivedEvent> run, boolean live) {
        var rows = run.stream().map(ReadModel::caseRow).toList();
        var updated = new HashSet<>(jdbc.sql("UPDATE cases SET "
                        + keepNewest("before.reference", "before.incident", "before.v", "CAST('OPEN' AS text)") + ",\n"
                        + acknowledgement("before.at", "before.within_sla") + """

                        FROM (SELECT u.*, c.acknowledgement_measured
                              FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::uuid[], ?::timestamptz[], ?::boolean[])
                                  AS u(id, reference, v, incident, at, within_sla)
                              JOIN cases c ON c.case_id = u.id
                              FOR UPDATE OF c) before
                        WHERE cases.case_id = before.id
                        RETURNING cases.case_id,\s""" + ACKNOWLEDGEMENT_MEASURED)
                .params(
                        column(rows, CaseRow::caseId),
                        column(rows, CaseRow::reference),
                        rows.stream().map(CaseRow::version).toArray(Long[]::new),
                        column(rows, CaseRow::incidentId),
                        column(run, e -> instant(e.data(), "acknowledgedAt")),
                        run.stream()
                                .map(e -> e.data().path("withinSla").asBoolean())
                                .toArray(Boolean[]::new))
                .query((result, n) -> {
                    timeToAcknowledge(result, live);
                    return result.getObject("case_id", UUID.class);
                })
                .list());
        for (int i = 0; i < run.size(); i++) {
            if (!updated.contains(rows.get(i).caseId())) {
                acknowledged(rows.get(i), run.get(i).data(), live);
            }
        }
    }

    private int timeToAcknowledge(java.sql.ResultSet result, boolean live) throws java.sql.SQLException {
        if (live && result.getBoolean("measured_now")) {
            metrics.timeToAcknowledge(
                    result.getString("channel"), result.getString("severity"), result.getDouble("seconds"));
        }
        return 0;
    }

    /** What a case's opening says about it, read from the event (its required facts checked). */
    private record Opening(
            CaseRow row,
            Signature signature,
            Instant openedAt,
            @Nullable String channel,
            @Nullable String severity,
            @Nullable UUID customerId,
            @Nullable Long audience,
            double sentiment,
            @Nullable Instant acknowledgeDue,
            @Nullable Instant resolveDue) {

        static Opening of(CaseRow row, JsonNode data) {
            var audienceNode = data.path("audienceSize");
            return new Opening(
                    row,
                    new Signature(
                            Objects.requireNonNull(text(data, "product"), "product"),
                            Objects.requireNonNull(text(data, "errorKind"), "errorKind")),
                    Instant.parse(Objects.requireNonNull(text(data, "openedAt"), "openedAt")),
                    text(data, "channel"),
                    text(data, "severity"),
                    uuid(data, "customerId"),
                    audienceNode.isNumber() ? audienceNode.asLong() : null,
                    data.path("sentiment").asDouble(),
                    instant(data, "acknowledgeDueAt"),
                    instant(data, "resolveDueAt"));
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return row.bind(statement)
                    .param("problemId", signature.problemId())
                    .param("product", signature.product())
                    .param("errorKind", signature.errorKind())
                    .param("channel", channel)
                    .param("severity", severity)
                    .param("customerId", customerId)
                    .param("audience", audience, java.sql.Types.BIGINT)
                    .param("sentiment", sentiment)
                    .param("openedAt", Timestamp.from(openedAt))
                    .param("ackDue", timestamp(acknowledgeDue))
                    .param("resolveDue", timestamp(resolveDue));
        }
    }

    /** The columns an opening creates its row with, in {@link #opened}'s and {@link #openedAll}'s statements. */
    private static final String OPENING_COLUMNS = """
            case_id, reference, version, status, status_version, incident_id, problem_id, product, error_kind, channel,
            severity, customer_id, audience_size, sentiment, opened_at, acknowledge_due_at, resolve_due_at""";

    private Optional<OpenedCase> opened(Opening opening, boolean live) {
        var row = opening.row();
        var caseId = row.caseId();
        // The usual order: the opening comes first and creates the row with everything it says, in one statement;
        // nothing else is known of the case yet, so there is nothing to measure.
        var created = opening.bind(jdbc.sql("INSERT INTO cases (" + OPENING_COLUMNS + """
                                )
                                VALUES (:id, :reference, :v, 'OPEN', :v, :incident, :problemId, :product, :errorKind,
                                    :channel, :severity, :customerId, :audience, :sentiment, :openedAt, :ackDue,
                                    :resolveDue)
                                ON CONFLICT (case_id) DO NOTHING"""))
                        .update()
                == 1;
        if (created) {
            return Optional.of(opening(opening));
        }
        ensureCase(row);
        // What the opening completes: a time to acknowledge or to resolve, when those events came first.
        record Completes(boolean acknowledgement, boolean resolution) {}
        var completes = opening.bind(jdbc.sql("""
                        UPDATE cases SET problem_id = :problemId, product = :product, error_kind = :errorKind,
                            channel = :channel, severity = :severity, customer_id = :customerId,
                            audience_size = :audience, sentiment = :sentiment, opened_at = :openedAt,
                            acknowledge_due_at = :ackDue, resolve_due_at = :resolveDue
                        WHERE case_id = :id AND opened_at IS NULL
                        RETURNING acknowledged_at IS NOT NULL AS acknowledged, resolved_at IS NOT NULL AS resolved"""))
                .query((result, n) -> new Completes(result.getBoolean("acknowledged"), result.getBoolean("resolved")))
                .optional();
        if (completes.isEmpty()) {
            return Optional.empty();
        }
        if (completes.get().acknowledgement()) {
            measureAcknowledgement(caseId, live);
        }
        if (completes.get().resolution()) {
            measureResolution(caseId, live);
        }
        return Optional.of(opening(opening));
    }

    /**
     * A run of openings of distinct cases ({@link #applyAll}): the rows no event created yet are created in one
     * statement, as {@link #opened} creates one; an opening whose row exists goes the one-by-one way. Returns each
     * event's result, in the run's order.
     */
    private List<Optional<OpenedCase>> openedAll(List<ReceivedEvent> run, boolean live) {
        var openings = run.stream().map(e -> Opening.of(caseRow(e), e.data())).toList();
        var created = new HashSet<>(jdbc.sql("INSERT INTO cases (" + OPENING_COLUMNS + """
                        )
                        SELECT id, reference, v, 'OPEN', v, incident, problem_id, product, error_kind, channel,
                            severity, customer_id, audience, sentiment, opened_at, ack_due, resolve_due
                        FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::uuid[], ?::uuid[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::uuid[], ?::bigint[], ?::float8[], ?::timestamptz[],
                                    ?::timestamptz[], ?::timestamptz[])
                            AS u(id, reference, v, incident, problem_id, product, error_kind, channel, severity,
                                 customer_id, audience, sentiment, opened_at, ack_due, resolve_due)
                        ON CONFLICT (case_id) DO NOTHING
                        RETURNING case_id""")
                .params(
                        column(openings, o -> o.row().caseId()),
                        column(openings, o -> o.row().reference()),
                        openings.stream().map(o -> o.row().version()).toArray(Long[]::new),
                        column(openings, o -> o.row().incidentId()),
                        column(openings, o -> o.signature().problemId()),
                        column(openings, o -> o.signature().product()),
                        column(openings, o -> o.signature().errorKind()),
                        column(openings, Opening::channel),
                        column(openings, Opening::severity),
                        column(openings, Opening::customerId),
                        openings.stream().map(Opening::audience).toArray(Long[]::new),
                        openings.stream().map(Opening::sentiment).toArray(Double[]::new),
                        column(openings, Opening::openedAt),
                        column(openings, Opening::acknowledgeDue),
                        column(openings, Opening::resolveDue))
                .query((result, n) -> result.getObject("case_id", UUID.class))
                .list());
        return openings.stream()
                .map(o -> created.contains(o.row().caseId()) ? Optional.of(opening(o)) : opened(o, live))
                .toList();
    }

    /** One column of a set-based statement's rows, as the text PostgreSQL casts to the column's type (null stays null). */
    private static <T> String[] column(List<T> rows, Function<T, @Nullable Object> value) {
        return rows.stream()
                .map(row -> Objects.toString(value.apply(row), null))
                .toArray(String[]::new);
    }

    /** The opening just applied, its problem noted for the transaction's write-back. */
    private OpenedCase opening(Opening opening) {
        var row = opening.row();
        problemsSeen.get().merge(opening.signature(), new Seen(opening.openedAt(), opening.openedAt()), Seen::span);
        var reference = Objects.requireNonNullElse(row.reference(), row.caseId().toString());
        return new OpenedCase(
                row.caseId(),
                reference,
                opening.signature(),
                opening.openedAt(),
                opening.channel(),
                opening.audience(),
                opening.sentiment());
    }

    /** When a transaction's cases of one problem were opened, first and last. */
    private record Seen(Instant first, Instant last) {
        Seen span(Seen other) {
            return new Seen(
                    first.isBefore(other.first) ? first : other.first, last.isAfter(other.last) ? last : other.last);
        }
    }

    /**
     * Writes the problems the current transaction's cases were opened for, once each: done before it commits, or by a
     * rebuild before it reads them.
     */
    public void writeProblems() {
        problemsSeen.writeBackNow();
    }

    private void writeProblems(Map<Signature, Seen> seen) {
        seen.forEach((signature, when) -> jdbc.sql("""
                        INSERT INTO problems (problem_id, signature, product, error_kind, first_seen_at, last_seen_at)
                        VALUES (:id, :signature, :product, :errorKind, :first, :last)
                        ON CONFLICT (problem_id) DO UPDATE SET
                            first_seen_at = LEAST(problems.first_seen_at, excluded.first_seen_at),
                            last_seen_at = GREATEST(problems.last_seen_at, excluded.last_seen_at)""")
                .param("id", signature.problemId())
                .param("signature", signature.text())
                .param("product", signature.product())
                .param("errorKind", signature.errorKind())
                .param("first", Timestamp.from(when.first()))
                .param("last", Timestamp.from(when.last()))
                .update());
    }

    /** Durations are recorded once per case, by whichever event completes the pair of times. */
    private void measureAcknowledgement(UUID caseId, boolean live) {
        jdbc.sql("""
                        UPDATE cases SET acknowledgement_measured = true
                        WHERE case_id = :id AND NOT acknowledgement_measured
                            AND opened_at IS NOT NULL AND acknowledged_at IS NOT NULL
                        RETURNING channel, severity, EXTRACT(EPOCH FROM acknowledged_at - opened_at) AS seconds""")
                .param("id", caseId)
                .query((row, n) -> {
                    if (live) {
                        metrics.timeToAcknowledge(
                                row.getString("channel"), row.getString("severity"), row.getDouble("seconds"));
                    }
                    return 0;
                })
                .list();
    }

    private void measureResolution(UUID caseId, boolean live) {
        jdbc.sql("""
                        UPDATE cases SET resolution_measured = true
                        WHERE case_id = :id AND NOT resolution_measured
                            AND opened_at IS NOT NULL AND resolved_at IS NOT NULL
                        RETURNING channel, severity, EXTRACT(EPOCH FROM resolved_at - opened_at) AS seconds""")
                .param("id", caseId)
                .query((row, n) -> {
                    if (live) {
                        metrics.timeToResolve(
                                row.getString("channel"), row.getString("severity"), row.getDouble("seconds"));
                    }
                    return 0;
                })
                .list();
    }

    private static boolean isRemedyStep(String type) {
        return type.startsWith("amends.remedy.");
    }

    /**
     * A run of remedy events, in one statement however many: each remedy's events are first folded into one row by
     * the rules the upsert applies to a stored row (the furthest step's state, the furthest priced step's amount, the
     * first fulfilment time; on a tie the earlier wins), so the rows are what applying them one by one gives.
     * Each remedy's cost counts once, when its row is both fulfilled and priced, at the amount it has after the run:
     * one by one, a remedy fulfilled and then priced higher by a late event of the same run counted its earlier price.
     */
    private void remedies(List<ReceivedEvent> run, boolean live) {
        var folded = new LinkedHashMap<UUID, RemedyStep>();
        for (var event : run) {
            var step = RemedyStep.of(event);
            folded.merge(step.remedyId(), step, RemedyStep::then);
        }
        // In the remedies' order, so that two batches lock the rows they share in the same order.
        var rows = folded.values().stream()
                .sorted(Comparator.comparing(RemedyStep::remedyId))
                .toList();
        var stored = jdbc.sql("""
                        INSERT INTO remedies (remedy_id, case_id, remedy_type, amount_minor_units, currency, amount_rank,
                                              state, state_rank, fulfilled_at)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::int[], ?::text[],
                                             ?::int[], ?::timestamptz[])
                        ON CONFLICT (remedy_id) DO UPDATE SET
                            remedy_type = CASE WHEN excluded.amount_rank > remedies.amount_rank
                                THEN excluded.remedy_type ELSE remedies.remedy_type END,
                            amount_minor_units = CASE WHEN excluded.amount_rank > remedies.amount_rank
                                THEN excluded.amount_minor_units ELSE remedies.amount_minor_units END,
                            currency = CASE WHEN excluded.amount_rank > remedies.amount_rank
                                THEN excluded.currency ELSE remedies.currency END,
                            amount_rank = GREATEST(remedies.amount_rank, excluded.amount_rank),
                            state = CASE WHEN excluded.state_rank > remedies.state_rank
                                THEN excluded.state ELSE remedies.state END,
                            state_rank = GREATEST(remedies.state_rank, excluded.state_rank),
                            fulfilled_at = COALESCE(remedies.fulfilled_at, excluded.fulfilled_at)
                        RETURNING remedy_id, remedy_type, currency, amount_minor_units, state, cost_counted""")
                .params(
                        column(rows, RemedyStep::remedyId),
                        column(rows, RemedyStep::caseId),
                        column(rows, RemedyStep::remedyType),
                        rows.stream().map(RemedyStep::amount).toArray(Long[]::new),
                        column(rows, RemedyStep::currency),
                        rows.stream().map(RemedyStep::amountRank).toArray(Integer[]::new),
                        column(rows, RemedyStep::state),
                        rows.stream().map(RemedyStep::stateRank).toArray(Integer[]::new),
                        column(rows, RemedyStep::fulfilledAt))
                .query((row, n) -> new Stored(
                        row.getObject("remedy_id", UUID.class),
                        row.getString("remedy_type"),
                        row.getString("currency"),
                        Columns.nullableLong(row, "amount_minor_units"),
                        row.getString("state"),
                        row.getBoolean("cost_counted")))
                .list();
        // The upsert holds these rows locked until the commit: what it returned is theirs to count.
        for (var row : stored) {
            if (row.state().equals("FULFILLED") && row.amountMinorUnits() != null && !row.costCounted()) {
                jdbc.sql("UPDATE remedies SET cost_counted = true WHERE remedy_id = ?")
                        .param(row.remedyId())
                        .update();
                if (live) {
                    metrics.remedyCost(row.remedyType(), row.currency(), row.amountMinorUnits());
                }
            }
        }
    }

    /** A remedy's row as the upsert left it. */
    private record Stored(
            UUID remedyId,
            @Nullable String remedyType,
            @Nullable String currency,
            @Nullable Long amountMinorUnits,
            String state,
            boolean costCounted) {}

    /** One remedy's row as its events in a run make it ({@link #remedies}). */
    private record RemedyStep(
            UUID remedyId,
            @Nullable UUID caseId,
            @Nullable String remedyType,
            @Nullable Long amount,
            @Nullable String currency,
            int amountRank,
            String state,
            int stateRank,
            @Nullable Instant fulfilledAt) {

        static RemedyStep of(ReceivedEvent event) {
            var data = event.data();
            var step = REMEDY_STEPS.get(event.type());
            if (step == null) {
                throw new IllegalArgumentException("not a remedy step: " + event.type());
            }
            var state = event.type()
                    .substring("amends.remedy.".length(), event.type().lastIndexOf(".v"));
            var priced = data.path("amountMinorUnits").isNumber();
            return new RemedyStep(
                    Objects.requireNonNull(uuid(data, "remedyId"), "remedyId"),
                    uuid(data, "caseId"),
                    priced ? text(data, "remedyType") : null,
                    priced ? data.path("amountMinorUnits").asLong() : null,
                    priced ? text(data, "currency") : null,
                    priced ? step : 0,
                    state.toUpperCase(Locale.ROOT),
                    step,
                    instant(data, "fulfilledAt"));
        }

        /** This row with a later event's applied, as the upsert applies an event to a stored row. */
        RemedyStep then(RemedyStep later) {
            var priced = later.amountRank > amountRank ? later : this;
            var furthest = later.stateRank > stateRank ? later : this;
            return new RemedyStep(
                    remedyId,
                    caseId,
                    priced.remedyType,
                    priced.amount,
                    priced.currency,
                    priced.amountRank,
                    furthest.state,
                    furthest.stateRank,
                    fulfilledAt != null ? fulfilledAt : later.fulfilledAt);
        }
    }
}
