package org.amends.cases.remedies;

import java.util.Optional;
import org.amends.contracts.EventType;
import org.amends.contracts.remedies.RemedyEvents;

/** A step of a remedy's lifecycle as remedy-service announces it, in the order the steps happen. */
enum RemedyStep {
    PROPOSED(1, RemedyEvents.PROPOSED),
    APPROVED(2, RemedyEvents.APPROVED),
    REJECTED(2, RemedyEvents.REJECTED),
    OFFERED(3, RemedyEvents.OFFERED),
    ACCEPTED(4, RemedyEvents.ACCEPTED),
    DECLINED(4, RemedyEvents.DECLINED),
    FULFILLING(5, RemedyEvents.FULFILLING),
    FULFILLED(6, RemedyEvents.FULFILLED),
    FAILED(6, RemedyEvents.FAILED);

    private final int order;
    private final EventType<?> type;

    RemedyStep(int order, EventType<?> type) {
        this.order = order;
        this.type = type;
    }

    static Optional<RemedyStep> of(String eventType) {
        for (var step : values()) {
            if (step.type.type().equals(eventType)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    int order() {
        return order;
    }

    /** Whether reaching this step means the customer accepted the remedy. */
    boolean meansAccepted() {
        return this == ACCEPTED || this == FULFILLING || this == FULFILLED || this == FAILED;
    }
}
