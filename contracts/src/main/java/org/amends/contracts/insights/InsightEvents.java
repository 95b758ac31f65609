package org.amends.contracts.insights;

import java.util.List;
import org.amends.contracts.EventType;

/** The event types insight-service publishes. */
public final class InsightEvents {

    public static final String SOURCE = "/insight-service";

    public static final EventType<RecurrenceDetected> RECURRENCE_DETECTED =
            new EventType<>("amends.insight.recurrence-detected.v1", RecurrenceDetected.class);
    public static final EventType<SpikeDetected> SPIKE_DETECTED =
            new EventType<>("amends.insight.spike-detected.v1", SpikeDetected.class);
    public static final EventType<ReputationRiskRaised> REPUTATION_RISK_RAISED =
            new EventType<>("amends.insight.reputation-risk-raised.v1", ReputationRiskRaised.class);

    public static final List<EventType<?>> ALL = List.of(RECURRENCE_DETECTED, SPIKE_DETECTED, REPUTATION_RISK_RAISED);

    private InsightEvents() {}
}
