package org.amends.cases.remedies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.TimelineEntry;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.Case;
import org.amends.messaging.CachedPlans;
import org.amends.messaging.inbox.IncomingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Applies remedy events to their cases: each remedy's new state, a timeline entry (in plain words for the customer
 * when it concerns them, internal otherwise), the resolution once every accepted remedy was delivered, and the
 * escalation when one failed. Runs in the consumer's transaction, with the cases' rows locked, so one case's events
 * are applied one batch at a time. A batch costs a handful of statements however many events it holds: the locks, the
 * remedies' rows and the timeline entries are each read or written for the whole batch at once.
 */
@Service
class RemedyProgress {

    private static final Logger log = LoggerFactory.getLogger(RemedyProgress.class);

    private final Cases cases;
    private final CaseRemedies remedies;
    private final Timeline timeline;
    private final CaseLifecycle lifecycle;
    private final JdbcClient jdbc;

    RemedyProgress(Cases cases, CaseRemedies remedies, Timeline timeline, CaseLifecycle lifecycle, JdbcClient jdbc) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.remedies = remedies;
        this.timeline = timeline;
        this.lifecycle = lifecycle;
    }

    /** An event and the step it tells. */
    private record Told(IncomingEvent event, CaseRemedies.Step step) {}

    /** What a batch reads before it writes: its cases, locked, and its remedies as they stand. */
    private record Read(Map<UUID, Case> cases, CaseRemedies.Stored remedies) {}

    /** Applies the events in the order given (the inbox has already dropped those applied before). */
    @Transactional(propagation = Propagation.MANDATORY)
    void applyAll(List<IncomingEvent> events) {
        var told = events.stream().map(event -> new Told(event, step(event))).toList();
        // Both read by arrays of ids, so planned afresh; the rest of the batch keeps its plans (ADR 12).
        var read = CachedPlans.planAfresh(
                jdbc,
                () -> new Read(
                        cases.lockAll(told.stream().map(t -> t.step().caseId()).collect(Collectors.toSet())),
                        remedies.stored(
                                told.stream().map(t -> t.step().remedyId()).collect(Collectors.toSet()))));
        var locked = read.cases();
        var known = new ArrayList<Told>(told.size());
        for (var t : told) {
            if (locked.containsKey(t.step().caseId())) {
                known.add(t);
            } else {
                // Not one of ours (another deployment's case, or one erased): nothing to follow, nothing to retry.
                log.info(
                        "{} {} skipped: no case {}",
                        t.event().type(),
                        t.event().id(),
                        t.step().caseId());
            }
        }
        if (known.isEmpty()) {
            return;
        }
        var after = remedies.recordAll(known.stream().map(Told::step).toList(), read.remedies());
        var entries = new ArrayList<Timeline.Append>();
        var fulfilled = new LinkedHashSet<UUID>();
        for (int i = 0; i < known.size(); i++) {
            var t = known.get(i);
            var locale = locked.get(t.step().caseId()).customer().locale();
            if (tell(t.event().data(), t.step(), after.get(i), locale, entries)) {
                fulfilled.add(t.step().caseId());
            }
        }
        timeline.appendAll(entries);
        // Once per case, after every remedy of the batch is recorded. The rows locked above still hold what resolving
        // reads: an escalation changes neither the status nor the version.
        for (var caseId : fulfilled) {
            if (remedies.allAcceptedFulfilled(caseId) && lifecycle.resolveAfterRemedies(locked.get(caseId))) {
                log.info("case {} resolved: every accepted remedy was fulfilled", caseId);
            }
        }
    }

    /**
     * Adds the step's timeline entries to {@code entries} and escalates the case when the remedy failed; returns whether
     * the step may resolve the case (a remedy fulfilled).
     */
    private boolean tell(
            JsonNode data, CaseRemedies.Step step, CaseRemedy remedy, String locale, List<Timeline.Append> entries) {
        var wording = new RemedyWording(locale);
        var actor = actor(data, step.step());
        switch (step.step()) {
            case PROPOSED ->
                internal(entries, step, actor, "REMEDY_PROPOSED", "Remedy proposed: " + describe(remedy) + ".");
            case APPROVED ->
                internal(
                        entries,
                        step,
                        actor,
                        "REMEDY_APPROVED",
                        "Remedy approved" + (data.path("automatic").asBoolean(false) ? " automatically" : "") + ": "
                                + describe(remedy) + ".");
            case REJECTED ->
                internal(
                        entries,
                        step,
                        actor,
                        "REMEDY_REJECTED",
                        "Remedy rejected: " + describe(remedy) + ". Reason: "
                                + data.path("reason").asString("") + ".");
            case OFFERED -> customer(entries, step, actor, "REMEDY_OFFERED", wording.offered(remedy));
            case ACCEPTED ->
                internal(entries, step, actor, "REMEDY_ACCEPTED", "Remedy accepted: " + describe(remedy) + ".");
            case DECLINED ->
                internal(entries, step, actor, "REMEDY_DECLINED", "Remedy declined: " + describe(remedy) + ".");
            case FULFILLING ->
                internal(
                        entries,
                        step,
                        actor,
                        "REMEDY_FULFILLING",
                        "Fulfilment started through " + data.path("channel").asString("?") + ": " + describe(remedy)
                                + ".");
            case FULFILLED -> {
                customer(entries, step, actor, "REMEDY_FULFILLED", wording.fulfilled(remedy));
                return true;
            }
            case FAILED -> {
                customer(entries, step, actor, "REMEDY_FAILED", wording.failed(remedy));
                cases.escalate(step.caseId(), step.at());
                internal(
                        entries,
                        step,
                        actor,
                        "ESCALATED",
                        "Escalated to a supervisor: " + describe(remedy) + " failed. Reason: "
                                + data.path("reason").asString("") + ".");
            }
        }
        return false;
    }

    private static void internal(
            List<Timeline.Append> entries, CaseRemedies.Step step, String actor, String kind, String text) {
        entry(entries, step, actor, Visibility.INTERNAL, kind, text);
    }

    private static void customer(
            List<Timeline.Append> entries, CaseRemedies.Step step, String actor, String kind, String text) {
        entry(entries, step, actor, Visibility.CUSTOMER, kind, text);
    }

    private static void entry(
            List<Timeline.Append> entries,
            CaseRemedies.Step step,
            String actor,
            Visibility visibility,
            String kind,
            String text) {
        entries.add(new Timeline.Append(step.caseId(), new TimelineEntry(step.at(), kind, actor, visibility, text)));
    }

    /** The step an event tells; an event this service cannot read is refused (dead-lettered, not retried). */
    private static CaseRemedies.Step step(IncomingEvent event) {
        var step = RemedyStep.of(event.type())
                .orElseThrow(() -> new AmqpRejectAndDontRequeueException("not a remedy event: " + event.type()));
        var data = event.data();
        var at = instant(
                data,
                switch (step) {
                    case PROPOSED -> "proposedAt";
                    case APPROVED -> "approvedAt";
                    case REJECTED -> "rejectedAt";
                    case OFFERED -> "offeredAt";
                    case ACCEPTED -> "acceptedAt";
                    case DECLINED -> "declinedAt";
                    case FULFILLING -> "startedAt";
                    case FULFILLED -> "fulfilledAt";
                    case FAILED -> "failedAt";
                });
        var amount = data.path("amountMinorUnits");
        return new CaseRemedies.Step(
                uuid(data, "caseId"),
                uuid(data, "remedyId"),
                step,
                optional(data, "remedyType"),
                amount.isIntegralNumber() ? amount.asLong() : null,
                optional(data, "currency"),
                at);
    }

    private static String describe(CaseRemedy remedy) {
        var type = remedy.type() == null ? "remedy" : remedy.type();
        var amount = remedy.amountMinorUnits() == null
                ? ""
                : " " + remedy.amountMinorUnits() + " minor units " + remedy.currency();
        return type + amount + " (" + remedy.remedyId() + ")";
    }

    private static String actor(JsonNode data, RemedyStep step) {
        var field = switch (step) {
            case PROPOSED -> "proposedBy";
            case APPROVED -> "approvedBy";
            case REJECTED -> "rejectedBy";
            case ACCEPTED -> "acceptedBy";
            case DECLINED -> "declinedBy";
            case FULFILLING, FULFILLED, FAILED -> "fulfiller";
            case OFFERED -> "";
        };
        var actor = field.isEmpty() ? "" : data.path(field).asString("");
        return actor.isEmpty() ? "remedy-service" : actor;
    }

    private static @Nullable String optional(JsonNode data, String field) {
        var value = data.path(field).asString("");
        return value.isEmpty() ? null : value;
    }

    private static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(data.path(field).asString(""));
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException("event data lacks a UUID " + field);
        }
    }

    private static Instant instant(JsonNode data, String field) {
        try {
            return Instant.parse(data.path(field).asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new AmqpRejectAndDontRequeueException("event data lacks a time " + field);
        }
    }
}
