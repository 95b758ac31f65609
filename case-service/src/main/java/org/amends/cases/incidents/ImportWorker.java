package org.amends.cases.incidents;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.amends.cases.intake.CaseIntake;
import org.amends.cases.intake.OpenCaseRequest;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
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

    /** One line's verdict. */
    private enum Outcome {
        CREATED,
        DUPLICATE,
        REJECTED
    }

    private final String workerId = "case-service-" + UUID.randomUUID();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "incident-import");
        thread.setDaemon(true);
        // Below live intake: the import yields the CPU to request threads whenever they need it.
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopped;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IncidentLifecycle incidents;
    private final Incidents store;
    private final CaseIntake intake;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final Clock clock;

    ImportWorker(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            IncidentLifecycle incidents,
            Incidents store,
            CaseIntake intake,
            JsonMapper json,
            ImportProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.incidents = incidents;
        this.store = store;
        this.intake = intake;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, properties.pollInterval());
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
        while (!stopped) {
            Boolean more;
            try {
                more = transactions.execute(status -> batch(claim));
            } catch (RuntimeException e) {
                failed(claim, e);
                return;
            }
            if (!Boolean.TRUE.equals(more)) {
                return;
            }
        }
    }

    /** One batch in one transaction; false when the job is done or no longer this worker's. */
    private boolean batch(Claim claim) {
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
                        SELECT line_no, body FROM import_lines WHERE job_id = ?
                        ORDER BY line_no LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(claim.jobId(), properties.batchSize())
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
        var incident = store.find(claim.incidentId()).orElseThrow();
        int created = 0;
        int duplicates = 0;
        int rejected = 0;
        var done = new ArrayList<Integer>(lines.size());
        for (var line : lines) {
            switch (process(claim, incident, line.lineNo(), line.body())) {
                case CREATED -> created++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            done.add(line.lineNo());
        }
        jdbc.sql("DELETE FROM import_lines WHERE job_id = ? AND line_no = ANY (?)")
                .params(claim.jobId(), done.toArray(Integer[]::new))
                .update();
        jdbc.sql("""
                        UPDATE import_jobs SET processed = processed + ?, created = created + ?,
                            duplicates = duplicates + ?, rejected = rejected + ?, failures = 0
                        WHERE id = ?""")
                .params(lines.size(), created, duplicates, rejected, claim.jobId())
                .update();
        return true;
    }

    private Outcome process(Claim claim, Incident incident, int lineNo, String body) {
        Affected affected;
        try {
            affected = parse(body);
        } catch (InvalidRequestException e) {
            var reason = String.join(
                    "; ",
                    e.violations().stream()
                            .map(v -> v.field() + ": " + v.message())
                            .toList());
            reject(claim, lineNo, reason);
            return Outcome.REJECTED;
        } catch (JacksonException e) {
            reject(claim, lineNo, "not a JSON object");
            return Outcome.REJECTED;
        }
        var now = Incidents.timestamp(clock.instant());
        // The primary key decides: a second list, or a concurrent job, that names the customer again waits for the
        // first insert to commit and then finds the row.
        var claimed = jdbc.sql("""
                        INSERT INTO incident_customers (incident_id, customer_ref, amount_minor, currency, created_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id, customer_ref) DO NOTHING""")
                .params(incident.id(), affected.customerRef(), affected.amountMinor(), affected.currency(), now)
                .update();
        if (claimed == 0) {
            return Outcome.DUPLICATE;
        }
        var aCase = intake.openProactive(
                claim.submitter(),
                affected.customer(),
                incident.product(),
                incident.errorKind(),
                incident.title(),
                description(incident, affected),
                affected.orderRef(),
                incident.id(),
                affected.amountMinor(),
                affected.currency());
        incidents.linkAndAcknowledge(aCase, incident);
        jdbc.sql("UPDATE incident_customers SET case_id = ? WHERE incident_id = ? AND customer_ref = ?")
                .params(aCase.id(), incident.id(), affected.customerRef())
                .update();
        return Outcome.CREATED;
    }

    private static String description(Incident incident, Affected affected) {
        var text = incident.statement().in(affected.customer().locale());
        if (affected.amountMinor() != null) {
            text += "\n\nAmount concerned: " + affected.amountMinor() + " " + affected.currency() + " (minor units).";
        }
        return text;
    }

    private void reject(Claim claim, int lineNo, String reason) {
        jdbc.sql("""
                        INSERT INTO import_rejections (job_id, line_no, reason) VALUES (?, ?, ?)
                        ON CONFLICT (job_id, line_no) DO NOTHING""").params(claim.jobId(), lineNo, reason).update();
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
