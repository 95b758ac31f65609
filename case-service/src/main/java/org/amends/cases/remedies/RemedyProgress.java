package org.amends.cases.remedies;

import java.time.Instant;
import java.util.UUID;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.Visibility;
import org.amends.messaging.inbox.IncomingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Applies one remedy event to its case: the remedy's new state, a timeline entry (in plain words for the customer
 * when it concerns them, internal otherwise), the resolution once every accepted remedy was delivered, and the
 * escalation when one failed. Runs in the consumer's transaction, with the case row locked, so one case's events are
 * applied one at a time.
 */
@Service
class RemedyProgress {

    private static final Logger log = LoggerFactory.getLogger(RemedyProgress.class);

    private final Cases cases;
    private final CaseRemedies remedies;
    private final Timeline timeline;
    private final CaseLifecycle lifecycle;

    RemedyProgress(Cases cases, CaseRemedies remedies, Timeline timeline, CaseLifecycle lifecycle) {
        this.cases = cases;
        this.remedies = remedies;
        this.timeline = timeline;
        this.lifecycle = lifecycle;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void apply(IncomingEvent event) {
        var step = RemedyStep.of(event.type())
                .orElseThrow(() -> new AmqpRejectAndDontRequeueException("not a remedy event: " + event.type()));
        var data = event.data();
        var caseId = uuid(data, "caseId");
        var aCase = cases.lock(caseId).orElse(null);
        if (aCase == null) {
            // Not one of ours (another deployment's case, or one erased): nothing to follow, nothing to retry.
            log.info("{} {} skipped: no case {}", event.type(), event.id(), caseId);
            return;
        }
        var remedyId = uuid(data, "remedyId");
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
        var remedy = remedies.record(
                caseId,
                remedyId,
                step,
                optional(data, "remedyType"),
                amount.isIntegralNumber() ? amount.asLong() : null,
                optional(data, "currency"),
                at);
        var wording = new RemedyWording(aCase.customer().locale());
        var actor = actor(data, step);
        switch (step) {
            case PROPOSED ->
                internal(caseId, at, "REMEDY_PROPOSED", actor, "Remedy proposed: " + describe(remedy) + ".");
            case APPROVED ->
                internal(
                        caseId,
                        at,
                        "REMEDY_APPROVED",
                        actor,
                        "Remedy approved" + (data.path("automatic").asBoolean(false) ? " automatically" : "") + ": "
                                + describe(remedy) + ".");
            case REJECTED ->
                internal(
                        caseId,
                        at,
                        "REMEDY_REJECTED",
                        actor,
                        "Remedy rejected: " + describe(remedy) + ". Reason: "
                                + data.path("reason").asString("") + ".");
            case OFFERED ->
                timeline.append(caseId, at, "REMEDY_OFFERED", actor, Visibility.CUSTOMER, wording.offered(remedy));
            case ACCEPTED ->
                internal(caseId, at, "REMEDY_ACCEPTED", actor, "Remedy accepted: " + describe(remedy) + ".");
            case DECLINED ->
                internal(caseId, at, "REMEDY_DECLINED", actor, "Remedy declined: " + describe(remedy) + ".");
            case FULFILLING ->
                internal(
                        caseId,
                        at,
                        "REMEDY_FULFILLING",
                        actor,
                        "Fulfilment started through " + data.path("channel").asString("?") + ": " + describe(remedy)
                                + ".");
            case FULFILLED -> {
                timeline.append(caseId, at, "REMEDY_FULFILLED", actor, Visibility.CUSTOMER, wording.fulfilled(remedy));
                if (remedies.allAcceptedFulfilled(caseId) && lifecycle.resolveAfterRemedies(aCase)) {
                    log.info("case {} resolved: every accepted remedy was fulfilled", caseId);
                }
            }
            case FAILED -> {
                timeline.append(caseId, at, "REMEDY_FAILED", actor, Visibility.CUSTOMER, wording.failed(remedy));
                cases.escalate(caseId, at);
                internal(
                        caseId,
                        at,
                        "ESCALATED",
                        actor,
                        "Escalated to a supervisor: " + describe(remedy) + " failed. Reason: "
                                + data.path("reason").asString("") + ".");
            }
        }
    }

    private void internal(UUID caseId, Instant at, String kind, String actor, String text) {
        timeline.append(caseId, at, kind, actor, Visibility.INTERNAL, text);
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
