package org.amends.cases.incidents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.amends.cases.intake.CaseIntake;
import org.amends.cases.intake.OpenCaseRequest;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.messaging.CachedPlans;
import org.amends.messaging.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns uploaded lines into proactive cases, behind live intake: one low-priority thread per instance, a batch of
 * lines per transaction. A job is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}, so instances never share
 * one); every batch renews it in the transaction that deletes the lines it handled and adds to the counts. A worker
 * that dies leaves only committed batches behind, and the first worker to find the lease expired resumes the rest.
 */
@Configuration(proxyBeanMethods = false)
class ImportWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private static final int REF_MAX = 100;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** A claimed job. */
    record Claim(UUID jobId, UUID incidentId, Submitter submitter) {}

    private final String workerId = "case-service-" + UUID.randomUUID();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(
                () -> {
                    runBelowLiveWork();
                    runnable.run();
                },
                "incident-import");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopped;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final IncidentLifecycle incidents;
    private final Incidents store;
    private final CaseIntake intake;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final Clock clock;
    private final LiveIntakeFirst liveFirst;
    private final Counter yielded;

    ImportWorker(
            JdbcClient jdbc,
            JdbcTemplate batch,
            TransactionTemplate transactions,
            IncidentLifecycle incidents,
            Incidents store,
            CaseIntake intake,
            JsonMapper json,
            ImportProperties properties,
            Clock clock,
            LiveIntakeFirst liveFirst,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.incidents = incidents;
        this.store = store;
        this.intake = intake;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.liveFirst = liveFirst;
        this.yielded = Counter.builder("amends.incidents.import.yielded")
                .baseUnit("seconds")
                .description("Time the bulk import waited for live intake to be fast again")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, properties.pollInterval());
    }

    /**
     * The worker thread takes only the cores' time that live work leaves: its nice value is raised ({@code
     * amends.incidents.import.nice}). The database does the import's statements at its own priority, so the import
     * also yields to slow live intake by itself ({@link #yieldToLiveIntake()}).
     */
    private void runBelowLiveWork() {
        if (properties.nice() > 0 && !BackgroundPriority.lowerCurrentThread(properties.nice())) {
            log.info("import worker runs at normal priority (nice values are not available here)");
        }
    }

    /** Hands the worker thread the next claimable job, unless it is busy with one. */
    void poll() {
        if (stopped || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    runJobs();
                } catch (RuntimeException e) {
                    log.warn("import worker: {}", e.toString());
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException e) {
            busy.set(false);
        }
    }

    /** Stops taking batches; a job in progress keeps its lease until it expires, as if this instance had died. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void runJobs() {
        Claim claim;
        while (!stopped && (claim = claim()) != null) {
            run(claim);
        }
    }

    private @Nullable Claim claim() {
        var now = clock.instant();
        return transactions.execute(status -> jdbc.sql("""
                        UPDATE import_jobs SET state = 'RUNNING', lease_owner = :me, lease_until = :until,
                            updated_at = :now
                        WHERE id = (SELECT id FROM import_jobs
                                    WHERE state = 'QUEUED' OR (state = 'RUNNING' AND lease_until < :now)
                                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, incident_id, submitted_by, submitter_kind""")
                .param("me", workerId)
                .param("until", Incidents.timestamp(now.plus(properties.lease())))
                .param("now", Incidents.timestamp(now))
                .query((rs, n) -> new Claim(
                        rs.getObject("id", UUID.class),
                        rs.getObject("incident_id", UUID.class),
                        new Submitter(
                                rs.getString("submitted_by"), SubmitterKind.valueOf(rs.getString("submitter_kind")))))
                .optional()
                .orElse(null));
    }

    private void run(Claim claim) {
        // Lines before this one are done: each batch reads on from it instead of passing the deleted ones again.
        var after = new AtomicInteger();
        liveFirst.importing(true);
        try {
            while (!stopped) {
                yieldToLiveIntake();
                Boolean more;
                try {
                    more = transactions.execute(status -> batch(claim, after));
                } catch (RuntimeException e) {
                    failed(claim, e);
                    return;
                }
                if (!Boolean.TRUE.equals(more)) {
                    return;
                }
            }
        } finally {
            liveFirst.importing(false);
        }
    }

    /**
     * Below live intake: while live requests are slow (the machine or the database is busy), wait before the next
     * batch, up to {@code maxYield}, then take one batch anyway. The outbox relay holds the import's events back by the
     * same rule ({@link LiveIntakeFirst}).
     */
    private void yieldToLiveIntake() {
        var waited = Duration.ZERO;
        while (!stopped && waited.compareTo(properties.maxYield()) < 0 && liveFirst.strained()) {
            try {
                Thread.sleep(properties.yieldPause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waited = waited.plus(properties.yieldPause());
        }
        if (!waited.isZero()) {
            yielded.increment(waited.toMillis() / 1000.0);
        }
    }

    /** One batch in one transaction; false when the job is done or no longer this worker's. */
    private boolean batch(Claim claim, AtomicInteger after) {
        // Lookups, updates and deletes by key and inserts of many rows: one right plan each (CachedPlans).
        CachedPlans.useUntilCommit(jdbc);
        var now = clock.instant();
        var renewed = jdbc.sql("""
                        UPDATE import_jobs SET lease_until = ?, updated_at = ?
                        WHERE id = ? AND lease_owner = ? AND state = 'RUNNING'""")
                .params(
                        Incidents.timestamp(now.plus(properties.lease())),
                        Incidents.timestamp(now),
                        claim.jobId(),
                        workerId)
                .update();
        if (renewed == 0) {
            return false;
        }
        record Line(int lineNo, String body) {}
        var lines = jdbc.sql("""
                        SELECT line_no, body FROM import_lines WHERE job_id = ? AND line_no > ?
                        ORDER BY line_no LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(claim.jobId(), after.get(), properties.batchSize())
                .query((rs, n) -> new Line(rs.getInt("line_no"), rs.getString("body")))
                .list();
        if (lines.isEmpty()) {
            jdbc.sql("""
                            UPDATE import_jobs SET state = 'COMPLETED', lease_owner = NULL, lease_until = NULL,
                                updated_at = ?
                            WHERE id = ? AND lease_owner = ?""")
                    .params(Incidents.timestamp(now), claim.jobId(), workerId)
                    .update();
            return false;
        }
        after.set(lines.getLast().lineNo());
        var incident = store.find(claim.incidentId()).orElseThrow();
        var counts = process(
                claim,
                incident,
                lines.stream().map(l -> Map.entry(l.lineNo(), l.body())).toList());
        jdbc.sql("DELETE FROM import_lines WHERE job_id = ? AND line_no = ANY (?)")
                .params(claim.jobId(), lines.stream().map(Line::lineNo).toArray(Integer[]::new))
                .update();
        jdbc.sql("""
                        UPDATE import_jobs SET processed = processed + ?, created = created + ?,
                            duplicates = duplicates + ?, rejected = rejected + ?, failures = 0
                        WHERE id = ?""")
                .params(lines.size(), counts.created(), counts.duplicates(), counts.rejected(), claim.jobId())
                .update();
        return true;
    }

    /** What a batch came to. */
    private record Counts(int created, int duplicates, int rejected) {}

    /**
     * One batch of lines, set-based: each line is checked alone (a bad one is rejected by its number), the customers
     * are claimed for the incident in one statement (the primary key decides what a second list, or a concurrent
     * job, already named: a duplicate), and the new customers' cases are opened, linked and acknowledged together,
     * a few statements for the whole batch rather than several per line.
     */
    private Counts process(Claim claim, Incident incident, List<Map.Entry<Integer, String>> lines) {
        var rejections = new ArrayList<Object[]>();
        var valid = new LinkedHashMap<String, Affected>();
        int duplicates = 0;
        for (var line : lines) {
            try {
                var affected = parse(line.getValue());
                if (valid.putIfAbsent(affected.customerRef(), affected) != null) {
                    duplicates++;
                }
            } catch (InvalidRequestException e) {
                var reason = String.join(
                        "; ",
                        e.violations().stream()
                                .map(v -> v.field() + ": " + v.message())
                                .toList());
                rejections.add(new Object[] {claim.jobId(), line.getKey(), reason});
            } catch (JacksonException e) {
                rejections.add(new Object[] {claim.jobId(), line.getKey(), "not a JSON object"});
            }
        }
        if (!rejections.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO import_rejections (job_id, line_no, reason) VALUES (?, ?, ?)
                    ON CONFLICT (job_id, line_no) DO NOTHING""", rejections);
        }
        if (valid.isEmpty()) {
            return new Counts(0, duplicates, rejections.size());
        }
        var now = Incidents.timestamp(clock.instant());
        var candidates = new ArrayList<>(valid.values());
        // Each customer's case is named here, in the statement that claims the customer for the incident, so the
        // claim is written once: the case row comes later in this transaction (the reference is checked at commit).
        var caseIds = new LinkedHashMap<String, UUID>();
        candidates.forEach(a -> caseIds.put(a.customerRef(), TimeOrderedIds.next()));
        var claimed = new HashSet<>(jdbc.sql("""
                        INSERT INTO incident_customers
                            (incident_id, customer_ref, case_id, amount_minor, currency, created_at)
                        SELECT ?, ref, case_id, amount, currency, ?
                        FROM unnest(?::text[], ?::uuid[], ?::bigint[], ?::text[]) AS u(ref, case_id, amount, currency)
                        ON CONFLICT (incident_id, customer_ref) DO NOTHING
                        RETURNING customer_ref""")
                .params(
                        incident.id(),
                        now,
                        caseIds.keySet().toArray(String[]::new),
                        caseIds.values().stream().map(UUID::toString).toArray(String[]::new),
                        candidates.stream().map(Affected::amountMinor).toArray(Long[]::new),
                        candidates.stream().map(Affected::currency).toArray(String[]::new))
                .query(String.class)
                .list());
        var fresh = candidates.stream()
                .filter(a -> claimed.contains(a.customerRef()))
                .toList();
        duplicates += candidates.size() - fresh.size();
        var opened = intake.openProactive(
                claim.submitter(),
                incident.id(),
                fresh.stream()
                        .map(a -> new CaseIntake.Proactive(
                                caseIds.get(a.customerRef()),
                                a.customer(),
                                incident.product(),
                                incident.errorKind(),
                                incident.title(),
                                description(incident, a),
                                a.orderRef(),
                                a.amountMinor(),
                                a.currency()))
                        .toList(),
                incident.reference(),
                aCase -> IncidentLifecycle.statementFor(aCase, incident));
        return new Counts(opened.size(), duplicates, rejections.size());
    }

    private static String description(Incident incident, Affected affected) {
        var text = incident.statement().in(affected.customer().locale());
        if (affected.amountMinor() != null) {
            text += "\n\nAmount concerned: " + affected.amountMinor() + " " + affected.currency() + " (minor units).";
        }
        return text;
    }

    /** A batch failed for a reason other than its lines: retried by the next claim, until too many failures. */
    private void failed(Claim claim, RuntimeException e) {
        log.warn("import job {}: batch failed: {}", claim.jobId(), e.toString());
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE import_jobs SET failures = failures + 1, failure = ?, lease_owner = NULL,
                            lease_until = NULL,
                            state = CASE WHEN failures + 1 >= ? THEN 'FAILED' ELSE 'QUEUED' END, updated_at = ?
                        WHERE id = ? AND lease_owner = ?""")
                .params(
                        "a batch failed: " + e.getClass().getSimpleName(),
                        properties.maxFailures(),
                        Incidents.timestamp(clock.instant()),
                        claim.jobId(),
                        workerId)
                .update());
    }

    /** One affected customer as the line gives them, checked field by field. */
    record Affected(
            String customerRef,
            org.amends.cases.lifecycle.model.Customer customer,
            @Nullable String orderRef,
            @Nullable Long amountMinor,
            @Nullable String currency) {}

    Affected parse(String body) {
        var checks = new InvalidRequestException.Checks();
        if (AffectedCustomers.tooLong(body, properties.maxLineLength()).isPresent()) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.FieldViolation(
                    "line", "is longer than " + properties.maxLineLength() + " characters")));
        }
        JsonNode node = json.readTree(body);
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(
                    List.of(new InvalidRequestException.FieldViolation("line", "must be a JSON object")));
        }
        var customerRef = text(node, "customerRef", checks);
        checks.required("customerRef", customerRef, REF_MAX);
        var orderRef = text(node, "orderRef", checks);
        checks.optional("orderRef", orderRef, REF_MAX);
        Long amount = null;
        var amountNode = node.get("amountMinor");
        if (amountNode != null && !amountNode.isNull()) {
            if (!amountNode.isIntegralNumber() || !amountNode.canConvertToLong() || amountNode.asLong() < 0) {
                checks.reject("amountMinor", "must be a whole number of minor units, zero or more");
            } else {
                amount = amountNode.asLong();
            }
        }
        var currency = text(node, "currency", checks);
        if (currency != null) {
            checks.matches("currency", currency, CURRENCY, "must be an ISO 4217 code such as EUR");
        }
        if ((amountNode != null && !amountNode.isNull()) != (currency != null)) {
            checks.reject(currency == null ? "currency" : "amountMinor", "amountMinor and currency go together");
        }
        org.amends.cases.lifecycle.model.Customer customer = null;
        try {
            customer = OpenCaseRequest.validCustomer(new OpenCaseRequest.CustomerRequest(
                    text(node, "name", checks),
                    text(node, "email", checks),
                    text(node, "phone", checks),
                    text(node, "locale", checks),
                    null,
                    null));
        } catch (InvalidRequestException e) {
            e.violations().forEach(v -> checks.reject(v.field(), v.message()));
        }
        checks.throwIfAny();
        return new Affected(
                Objects.requireNonNull(customerRef).strip(),
                Objects.requireNonNull(customer),
                orderRef == null || orderRef.isBlank() ? null : orderRef.strip(),
                amount,
                currency == null ? null : currency.toUpperCase(Locale.ROOT));
    }

    private static @Nullable String text(JsonNode node, String field, InvalidRequestException.Checks checks) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            checks.reject(field, "must be a string");
            return null;
        }
        return value.asString();
    }
}
