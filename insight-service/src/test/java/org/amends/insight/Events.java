package org.amends.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.amends.contracts.CloudEvent;
import org.amends.contracts.EventType;
import org.amends.contracts.cases.CaseAcknowledged;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.cases.CaseFeedbackReceived;
import org.amends.contracts.cases.CaseOpened;
import org.amends.contracts.cases.CaseReopened;
import org.amends.contracts.cases.CaseResolved;
import org.amends.contracts.remedies.RemedyApproved;
import org.amends.contracts.remedies.RemedyEvents;
import org.amends.contracts.remedies.RemedyFulfilled;
import org.amends.contracts.remedies.RemedyOffered;
import org.amends.contracts.remedies.RemedyProposed;
import org.amends.contracts.remedies.RemedyRejected;
import org.amends.testkit.EventSchemas;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Case and remedy events as case-service and remedy-service publish them, each checked against the contract. */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {}

    /** A case's facts at opening. */
    public record Case(
            UUID caseId,
            String reference,
            String product,
            String errorKind,
            String channel,
            @Nullable Long audience,
            double sentiment,
            UUID customerId,
            Instant openedAt) {

        public static Case of(String product, String errorKind, Instant openedAt) {
            var id = UUID.randomUUID();
            return new Case(
                    id,
                    "AMD-" + String.format("%09d", Math.floorMod(id.getLeastSignificantBits(), 1_000_000_000L)),
                    product,
                    errorKind,
                    "EMAIL",
                    null,
                    -0.2,
                    UUID.randomUUID(),
                    openedAt);
        }

        public Case social(long audienceSize, double sentiment) {
            return new Case(
                    caseId, reference, product, errorKind, "SOCIAL", audienceSize, sentiment, customerId, openedAt);
        }

        /** The same case as one we opened ourselves for an incident's list of affected customers. */
        public Case proactive() {
            return new Case(
                    caseId, reference, product, errorKind, "PROACTIVE", audience, sentiment, customerId, openedAt);
        }

        public Case customer(UUID customer) {
            return new Case(caseId, reference, product, errorKind, channel, audience, sentiment, customer, openedAt);
        }
    }

    public static String opened(Case c) {
        return opened(c, null);
    }

    /** The case.opened of a case opened for an incident (a proactive case), or of any case when null. */
    public static String opened(Case c, @Nullable UUID incidentId) {
        return event(
                CaseEvents.OPENED,
                CaseEvents.SOURCE,
                c.caseId(),
                c.openedAt(),
                new CaseOpened(
                        c.caseId(),
                        c.reference(),
                        1,
                        c.channel(),
                        "agent-1",
                        "AGENT",
                        c.customerId(),
                        "en",
                        c.audience(),
                        c.product(),
                        c.errorKind(),
                        "HIGH",
                        "HIGH",
                        c.sentiment(),
                        null,
                        c.openedAt(),
                        c.openedAt().plus(Duration.ofHours(1)),
                        c.openedAt().plus(Duration.ofDays(1)),
                        incidentId,
                        null,
                        null));
    }

    public static String acknowledged(Case c, long version, Duration after) {
        return acknowledged(c, version, after, null);
    }

    /** The case.acknowledged of a case, with the statement of the incident it is linked to when not null. */
    public static String acknowledged(Case c, long version, Duration after, @Nullable UUID incidentId) {
        var at = c.openedAt().plus(after);
        return event(
                CaseEvents.ACKNOWLEDGED,
                CaseEvents.SOURCE,
                c.caseId(),
                at,
                new CaseAcknowledged(c.caseId(), c.reference(), version, "agent-1", "en", at, true, incidentId));
    }

    public static String resolved(Case c, long version, String rootCause, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                CaseEvents.RESOLVED,
                CaseEvents.SOURCE,
                c.caseId(),
                at,
                new CaseResolved(
                        c.caseId(),
                        c.reference(),
                        version,
                        c.product(),
                        c.errorKind(),
                        rootCause,
                        "agent-1",
                        at,
                        true));
    }

    public static String reopened(Case c, long version, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                CaseEvents.REOPENED,
                CaseEvents.SOURCE,
                c.caseId(),
                at,
                new CaseReopened(c.caseId(), c.reference(), version, "agent-1", "did not hold", at));
    }

    public static String feedback(Case c, long version, int rating, boolean withRemedy, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                CaseEvents.FEEDBACK_RECEIVED,
                CaseEvents.SOURCE,
                c.caseId(),
                at,
                new CaseFeedbackReceived(c.caseId(), c.reference(), version, rating, withRemedy, false, at));
    }

    public static String remedyProposed(Case c, UUID remedyId, long minorUnits, String currency, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                RemedyEvents.PROPOSED,
                RemedyEvents.SOURCE,
                c.caseId(),
                at,
                new RemedyProposed(
                        remedyId,
                        c.caseId(),
                        c.customerId(),
                        "GOODWILL",
                        minorUnits,
                        currency,
                        "POLICY",
                        1,
                        "policy",
                        "SUPERVISOR",
                        at));
    }

    public static String remedyApproved(Case c, UUID remedyId, long minorUnits, String currency, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                RemedyEvents.APPROVED,
                RemedyEvents.SOURCE,
                c.caseId(),
                at,
                new RemedyApproved(remedyId, c.caseId(), "GOODWILL", minorUnits, currency, "supervisor-1", false, at));
    }

    public static String remedyRejected(Case c, UUID remedyId, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                RemedyEvents.REJECTED,
                RemedyEvents.SOURCE,
                c.caseId(),
                at,
                new RemedyRejected(remedyId, c.caseId(), "supervisor-1", "over budget", at));
    }

    public static String remedyOffered(Case c, UUID remedyId, long minorUnits, String currency, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                RemedyEvents.OFFERED,
                RemedyEvents.SOURCE,
                c.caseId(),
                at,
                new RemedyOffered(remedyId, c.caseId(), c.customerId(), "REFUND", minorUnits, currency, at));
    }

    public static String remedyFulfilled(Case c, UUID remedyId, Duration after) {
        var at = c.openedAt().plus(after);
        return event(
                RemedyEvents.FULFILLED,
                RemedyEvents.SOURCE,
                c.caseId(),
                at,
                new RemedyFulfilled(remedyId, c.caseId(), "LEDGER", "credit-ledger", "LEDGER-1", at));
    }

    private static <T> String event(EventType<T> type, String source, UUID subject, Instant time, T data) {
        var json =
                JSON.writeValueAsString(CloudEvent.of(type, UUID.randomUUID(), source, subject.toString(), time, data));
        EventSchemas.assertValid(json);
        return json;
    }
}
