package org.amends.contracts;

import java.util.List;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.remedies.RemedyEvents;

/** Every consumer queue on {@code amends.events}; a new consumer adds itself here and to its own declarations. */
public final class Subscriptions {

    /**
     * remedy-service follows its cases' facts and status, and the customer's answer to an offer. It binds nothing else:
     * the acknowledgements, SLA breaches and feedback it used to bind were each a message through its quorum queue
     * and a row in its inbox for nothing, and an incident's import sends one acknowledgement per affected customer.
     */
    public static final Subscription REMEDY_CASE_EVENTS = new Subscription(
            "remedy-service",
            "remedy-service.case-events",
            List.of(
                    CaseEvents.OPENED,
                    CaseEvents.RESOLVED,
                    CaseEvents.CLOSED,
                    CaseEvents.REOPENED,
                    CaseEvents.REMEDY_ACCEPTED,
                    CaseEvents.REMEDY_DECLINED,
                    CaseEvents.CUSTOMER_ERASED),
            List.of(CaseEvents.ACKNOWLEDGED, CaseEvents.SLA_BREACHED, CaseEvents.FEEDBACK_RECEIVED));

    public static final Subscription INSIGHT_CASE_EVENTS =
            new Subscription("insight-service", "insight-service.case-events", CaseEvents.ALL);

    /** insight-service learns remedy cost and outcomes per problem from every remedy event. */
    public static final Subscription INSIGHT_REMEDY_EVENTS =
            new Subscription("insight-service", "insight-service.remedy-events", RemedyEvents.ALL);

    /** case-service follows its cases' remedies: timeline, the status page's offer, resolution on fulfilment. */
    public static final Subscription CASE_REMEDY_EVENTS =
            new Subscription("case-service", "case-service.remedy-events", RemedyEvents.ALL);

    /** case-service escalates a case on its timeline when insight-service finds its reputation risk too high. */
    public static final Subscription CASE_INSIGHT_EVENTS = new Subscription(
            "case-service", "case-service.insight-events", List.of(InsightEvents.REPUTATION_RISK_RAISED));

    private static final List<Subscription> ALL = List.of(
            REMEDY_CASE_EVENTS, INSIGHT_CASE_EVENTS, INSIGHT_REMEDY_EVENTS, CASE_REMEDY_EVENTS, CASE_INSIGHT_EVENTS);

    private Subscriptions() {}

    public static List<Subscription> all() {
        return ALL;
    }

    /** The queues that receive events of the given type. */
    public static List<Subscription> of(EventType<?> type) {
        return ALL.stream().filter(s -> s.types().contains(type)).toList();
    }
}
