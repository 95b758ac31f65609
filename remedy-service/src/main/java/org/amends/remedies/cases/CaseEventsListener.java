package org.amends.remedies.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.inbox.EventBatches;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.amends.remedies.lifecycle.Remedies;
import org.amends.remedies.lifecycle.RemedyLifecycle;
import org.amends.remedies.model.RemedyState;
import org.amends.remedies.privacy.CustomerErasures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Consumes case events. Reads only the fields it needs and ignores unknown ones; an event it cannot read, or a type
 * it does not know, goes to the dead-letter queue with the reason instead of blocking the queue. The inbox row, the
 * read model and the remedies an opened case earns are written in one transaction, so a redelivery changes nothing;
 * messages come in batches applied in one transaction ({@link EventBatches}).
 */
@Component
class CaseEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CaseEventsListener.class);

    /** Who answers on the status page: the customer in person. */
    private static final String CUSTOMER = "customer";

    private final EventBatches batches;
    private final ProcessedEvents processed;
    private final Cases cases;
    private final RemedyLifecycle proposals;
    private final Remedies remedies;
    private final CustomerErasures erasures;

    CaseEventsListener(
            EventBatches batches,
            ProcessedEvents processed,
            Cases cases,
            RemedyLifecycle proposals,
            Remedies remedies,
            CustomerErasures erasures) {
        this.batches = batches;
        this.processed = processed;
        this.cases = cases;
        this.proposals = proposals;
        this.remedies = remedies;
        this.erasures = erasures;
    }

    @RabbitListener(queues = CaseEventsQueue.NAME, containerFactory = EventBatches.LISTENER_CONTAINER_FACTORY)
    void on(List<Message> messages) {
        batches.applyAll(messages, this::takeAll);
    }

    /**
     * A batch of messages in one transaction (or one message in its own, once the batch has failed): the inbox rows
     * with one statement, then the events in order. Consecutive openings are recorded with one statement, then each new
     * case earns the remedies of the per-case policy, in order; an incident's cases (an import's, a thousand at a time)
     * earn none.
     */
    private void takeAll(List<Message> messages) {
        var incoming = messages.stream()
                .map(message -> IncomingEvent.read(message.getBody(), CaseEventsQueue.SUBSCRIPTION))
                .toList();
        var openings = new ArrayList<Cases.Opened>();
        for (var event : processed.firstTimes(incoming)) {
            if (event.type().equals(CaseEvents.OPENED.type())) {
                openings.add(opened(event.data()));
            } else {
                recordOpened(openings);
                apply(event.type(), event.data());
            }
            log.debug("applied {} {} for case {}", event.type(), event.id(), event.subject());
        }
        recordOpened(openings);
    }

    /**
     * Records a run of openings and proposes the policy's remedies for each new case not of an incident, in order: a
     * case of an incident is remedied by the incident's one rule, approved once for all its cases (bulk remedy), and
     * its acknowledgement already carries the incident's apology, so the per-case policy would offer a second remedy
     * on top, case by case (for a list of 100,000 affected customers, 100,000 proposals). Agents can still propose
     * one by hand. Empties {@code openings}.
     */
    private void recordOpened(List<Cases.Opened> openings) {
        var fresh = cases.recordAllOpened(openings);
        var remedied = new ArrayList<CaseFacts>();
        for (var opened : openings) {
            // remove: a case opened twice in the run is proposed for once.
            if (fresh.remove(opened.facts().caseId()) && opened.incidentId() == null) {
                remedied.add(opened.facts());
            }
        }
        proposals.proposeFromPolicy(remedied);
        openings.clear();
    }

    /** What a case.opened says, its required fields checked. */
    private static Cases.Opened opened(JsonNode data) {
        var facts = new CaseFacts(
                uuid(data, "caseId"),
                uuid(data, "customerId"),
                text(data, "errorKind"),
                text(data, "severity"),
                text(data, "locale"),
                text(data, "submitterKind").equals("PARTNER") ? text(data, "submittedBy") : null,
                "OPEN");
        // Optional (added to v1): the incident the case was linked to, and a proactive case's amount concerned.
        var incidentId = optionalUuid(data, "incidentId");
        var amount = data.path("amountMinorUnits").isIntegralNumber()
                ? data.path("amountMinorUnits").asLong()
                : null;
        var currency = data.path("currency").isString() ? data.path("currency").asString() : null;
        if (amount == null || currency == null) {
            amount = null;
            currency = null;
        }
        return new Cases.Opened(facts, Instant.parse(text(data, "openedAt")), incidentId, amount, currency);
    }

    private void apply(String type, JsonNode data) {
        if (type.equals(CaseEvents.RESOLVED.type())) {
            cases.recordStatus(uuid(data, "caseId"), "RESOLVED");
        } else if (type.equals(CaseEvents.CLOSED.type())) {
            cases.recordStatus(uuid(data, "caseId"), "CLOSED");
        } else if (type.equals(CaseEvents.REOPENED.type())) {
            cases.recordStatus(uuid(data, "caseId"), "REOPENED");
        } else if (type.equals(CaseEvents.REMEDY_ACCEPTED.type())) {
            if (stillOffered(data)) {
                proposals.accept(uuid(data, "remedyId"), CUSTOMER);
            }
        } else if (type.equals(CaseEvents.REMEDY_DECLINED.type())) {
            if (stillOffered(data)) {
                proposals.decline(uuid(data, "remedyId"), CUSTOMER);
            }
        } else if (type.equals(CaseEvents.CUSTOMER_ERASED.type())) {
            erasures.record(uuid(data, "customerId"), text(data, "erasedBy"), Instant.parse(text(data, "erasedAt")));
        }
    }

    /**
     * Whether the customer's answer still applies: an agent may have answered for them by phone meanwhile. A stale
     * answer is skipped rather than failed, because retrying it could never succeed.
     */
    private boolean stillOffered(JsonNode data) {
        var remedyId = uuid(data, "remedyId");
        var caseId = uuid(data, "caseId");
        var remedy = remedies.find(remedyId).orElse(null);
        if (remedy == null || !remedy.caseId().equals(caseId) || remedy.state() != RemedyState.OFFERED) {
            log.info("customer's answer for remedy {} skipped: no longer offered on case {}", remedyId, caseId);
            return false;
        }
        return true;
    }

    private static String text(JsonNode data, String field) {
        var value = data.path(field).asString("");
        if (value.isEmpty()) {
            throw new AmqpRejectAndDontRequeueException("event data lacks " + field);
        }
        return value;
    }

    private static @Nullable UUID optionalUuid(JsonNode data, String field) {
        return data.path(field).isString() ? uuid(data, field) : null;
    }

    private static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(text(data, field));
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException(field + " is not a UUID");
        }
    }
}
