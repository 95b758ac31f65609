package org.amends.cases.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.lifecycle.CaseView;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.TimelineEntry;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.security.Party;
import org.amends.cases.sla.SlaClock;
import org.amends.cases.triage.CaseTriage;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.cases.CaseOpened;
import org.amends.messaging.CachedPlans;
import org.amends.messaging.TimeOrderedIds;
import org.amends.messaging.inbox.AfterCommit;
import org.amends.messaging.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a case in: validates it, finds the customer's pseudonym, triages it, starts its SLA clocks, stores it with its
 * first timeline entry and its {@code case.opened} event in one transaction. With an {@code Idempotency-Key} the
 * first answer is stored with the case, and a retry gets that answer back instead of a second case.
 */
@Service
public class CaseIntake {

    /** The answer to an intake request, exactly as it is (or was first) sent. */
    public record Answer(int status, String location, String body, long version) {}

    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,200}");

    private final Cases cases;
    private final Customers customers;
    private final Timeline timeline;
    private final Outbox outbox;
    private final SlaClock sla;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry registry;
    private final IncidentMatching incidents;
    private final CaseLifecycle lifecycle;
    private final CaseTriage triage = new CaseTriage();

    CaseIntake(
            Cases cases,
            Customers customers,
            Timeline timeline,
            Outbox outbox,
            SlaClock sla,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            MeterRegistry registry,
            IncidentMatching incidents,
            CaseLifecycle lifecycle) {
        this.cases = cases;
        this.customers = customers;
        this.timeline = timeline;
        this.outbox = outbox;
        this.sla = sla;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.registry = registry;
        this.incidents = incidents;
        this.lifecycle = lifecycle;
    }

    @Transactional
    public Answer open(OpenCaseRequest request, Party party, @Nullable String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.FieldViolation(
                    "Idempotency-Key", "must be 1 to 200 printable ASCII characters")));
        }
        var command = request.validate(party);
        // Inserts, key lookups and the incident match on its partial index: one right plan each.
        CachedPlans.useUntilCommit(jdbc);
        if (idempotencyKey == null) {
            return create(command, party);
        }
        var owner = party.kind() + ":" + party.id();
        var hash = hash(request);
        // A retry of a request already answered reads its answer and writes nothing.
        var stored = stored(owner, idempotencyKey);
        if (stored.isPresent()) {
            return replay(stored.get(), hash);
        }
        var answer = create(command, party);
        // The key goes in with its answer, in one write. The primary key decides between concurrent twins: the
        // second's insert waits here until the first commits, then finds the key taken; its own case is rolled back
        // and it answers as the first did.
        var claimed = jdbc.sql("""
                        INSERT INTO idempotency_keys
                            (party, idempotency_key, request_hash, response_status, response_body, location)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (party, idempotency_key) DO NOTHING""")
                .params(owner, idempotencyKey, hash, answer.status(), answer.body(), answer.location())
                .update();
        if (claimed == 0) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return replay(stored(owner, idempotencyKey).orElseThrow(), hash);
        }
        return answer;
    }

    private record Stored(String requestHash, int responseStatus, String responseBody, String location) {}

    private Optional<Stored> stored(String owner, String key) {
        return jdbc.sql("""
                        SELECT request_hash, response_status, response_body, location FROM idempotency_keys
                        WHERE party = ? AND idempotency_key = ?""").params(owner, key).query(Stored.class).optional();
    }

    private static Answer replay(Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new IdempotencyKeyReusedException();
        }
        return new Answer(stored.responseStatus(), stored.location(), stored.responseBody(), 1);
    }

    private Answer create(OpenCaseRequest.OpenCase command, Party party) {
        // A case that matches an open incident is linked and acknowledged at once with the incident's statement; its
        // case.opened names the incident.
        var incidentId = incidents.matching(command.complaint());
        var aCase = file(
                command.channel(),
                party.asSubmitter(),
                command.customer(),
                command.complaint(),
                incidentId.orElse(null));
        incidentId.ifPresent(id -> incidents.link(aCase, id));
        return new Answer(
                201, "/api/cases/" + aCase.id(), json.writeValueAsString(CaseView.of(aCase)), aCase.version());
    }

    /** One affected customer's proactive case, as {@link #openProactive} takes it. */
    public record Proactive(
            UUID caseId,
            Customer customer,
            String product,
            ErrorKind errorKind,
            String summary,
            String description,
            @Nullable String orderReference,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {}

    /**
     * Opens many proactive cases at once, with a few statements per batch instead of several per case: the bulk
     * import's path. They are born linked to the incident (their {@code case.opened} names it) and acknowledged by
     * {@code acknowledgedBy} with {@code statement}'s message for each: every row is written once, already
     * acknowledged, and both events are published, {@code case.opened} first. Returns the cases in the order given.
     */
    public List<Case> openProactive(
            Submitter submitter,
            UUID incidentId,
            List<Proactive> all,
            String acknowledgedBy,
            Function<Case, String> statement) {
        if (all.isEmpty()) {
            return List.of();
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var ids = customers.idsOf(all.stream().map(Proactive::customer).toList());
        var references = cases.nextReferences(all.size());
        var opened = new ArrayList<Case>(all.size());
        var entries = new ArrayList<Timeline.Append>(all.size());
        var events = new ArrayList<Outbox.Entry<CaseOpened>>(all.size());
        for (int i = 0; i < all.size(); i++) {
            var p = all.get(i);
            var complaint = new Complaint(
                    p.product(), p.errorKind(), p.summary(), p.description(), Impact.MEDIUM, p.orderReference());
            var assessment = triage.assess(Channel.PROACTIVE, p.customer(), complaint);
            var due = sla.dueTimes(assessment.severity(), now);
            var aCase = Case.open(
                    p.caseId(),
                    references.get(i),
                    Channel.PROACTIVE,
                    submitter,
                    p.customer(),
                    ids.get(i),
                    complaint,
                    assessment,
                    now,
                    due.acknowledge(),
                    due.resolve());
            opened.add(aCase);
            entries.add(new Timeline.Append(
                    aCase.id(),
                    new TimelineEntry(
                            now,
                            "OPENED",
                            submitter.id(),
                            Visibility.CUSTOMER,
                            "Case " + aCase.reference() + " received via " + Channel.PROACTIVE + ".")));
            events.add(
                    new Outbox.Entry<>(aCase.id(), now, aCase.opened(incidentId, p.amountMinorUnits(), p.currency())));
        }
        var acknowledged = lifecycle.acknowledgeNew(
                opened, acknowledgedBy, opened.stream().map(statement).toList(), incidentId);
        cases.insertAll(opened, incidentId);
        timeline.appendAll(entries);
        outbox.addBulk(CaseEvents.OPENED, events);
        lifecycle.record(acknowledged);
        countOpened(Channel.PROACTIVE, all.getFirst().errorKind(), all.size());
        return opened;
    }

    private Case file(
            Channel channel, Submitter submitter, Customer customer, Complaint complaint, @Nullable UUID incidentId) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var assessment = triage.assess(channel, customer, complaint);
        var due = sla.dueTimes(assessment.severity(), now);
        var aCase = Case.open(
                TimeOrderedIds.next(),
                cases.nextReference(),
                channel,
                submitter,
                customer,
                customers.idOf(customer),
                complaint,
                assessment,
                now,
                due.acknowledge(),
                due.resolve());
        cases.insert(aCase);
        timeline.append(
                aCase.id(),
                now,
                "OPENED",
                submitter.id(),
                Visibility.CUSTOMER,
                "Case " + aCase.reference() + " received via " + channel + ".");
        outbox.add(CaseEvents.OPENED, aCase.id(), now, aCase.opened(incidentId, null, null));
        countOpened(channel, complaint.errorKind(), 1);
        return aCase;
    }

    /** Counted once committed: a case rolled back (an idempotent twin's, or a failed batch's) was not taken in. */
    private void countOpened(Channel channel, ErrorKind errorKind, int count) {
        var counter = Counter.builder("amends.cases.opened")
                .description("Cases taken in")
                .tag("channel", channel.name())
                .tag("error_kind", errorKind.name())
                .register(registry);
        AfterCommit.run(() -> counter.increment(count));
    }

    private String hash(OpenCaseRequest request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
