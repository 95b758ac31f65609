package org.amends.contracts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.remedies.RemedyEvents;

/** Every event type any Amends service publishes; an event not listed here is not part of the contract. */
public final class EventCatalogue {

    private static final List<EventType<?>> ALL = Stream.of(CaseEvents.ALL, RemedyEvents.ALL, InsightEvents.ALL)
            .flatMap(List::stream)
            .toList();

    private EventCatalogue() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
