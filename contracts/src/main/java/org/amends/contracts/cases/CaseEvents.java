package org.amends.contracts.cases;

import java.util.List;
import org.amends.contracts.EventType;

/** The event types case-service publishes. */
public final class CaseEvents {

    public static final String SOURCE = "/case-service";

    public static final EventType<CaseOpened> OPENED = new EventType<>("amends.case.opened.v1", CaseOpened.class);
    public static final EventType<CaseAcknowledged> ACKNOWLEDGED =
            new EventType<>("amends.case.acknowledged.v1", CaseAcknowledged.class);
    public static final EventType<CaseSlaBreached> SLA_BREACHED =
            new EventType<>("amends.case.sla-breached.v1", CaseSlaBreached.class);
    public static final EventType<CaseResolved> RESOLVED =
            new EventType<>("amends.case.resolved.v1", CaseResolved.class);
    public static final EventType<CaseClosed> CLOSED = new EventType<>("amends.case.closed.v1", CaseClosed.class);
    public static final EventType<CaseReopened> REOPENED =
            new EventType<>("amends.case.reopened.v1", CaseReopened.class);

    public static final EventType<CaseRemedyAccepted> REMEDY_ACCEPTED =
            new EventType<>("amends.case.remedy-accepted.v1", CaseRemedyAccepted.class);
    public static final EventType<CaseRemedyDeclined> REMEDY_DECLINED =
            new EventType<>("amends.case.remedy-declined.v1", CaseRemedyDeclined.class);
    public static final EventType<CaseFeedbackReceived> FEEDBACK_RECEIVED =
            new EventType<>("amends.case.feedback-received.v1", CaseFeedbackReceived.class);

    public static final EventType<CaseCustomerErased> CUSTOMER_ERASED =
            new EventType<>("amends.case.customer-erased.v1", CaseCustomerErased.class);

    public static final List<EventType<?>> ALL = List.of(
            OPENED,
            ACKNOWLEDGED,
            SLA_BREACHED,
            RESOLVED,
            CLOSED,
            REOPENED,
            REMEDY_ACCEPTED,
            REMEDY_DECLINED,
            FEEDBACK_RECEIVED,
            CUSTOMER_ERASED);

    private CaseEvents() {}
}
