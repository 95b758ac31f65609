package org.amends.remedies.model;

import java.time.Instant;
import java.util.UUID;

/** Remedies in a given state, for unit tests. */
final class RemedyMother {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private RemedyMother() {}

    static Remedy proposed(RemedyType type, long minorUnits, Authority required) {
        return Remedy.propose(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "CALCULATION",
                type,
                Money.of(minorUnits, "EUR"),
                Remedy.Origin.AGENT,
                "agent1",
                required,
                NOW);
    }

    static Remedy offered(RemedyType type) {
        var remedy = proposed(type, type == RemedyType.APOLOGY ? 0 : 1000, Authority.AUTOMATIC);
        remedy.approveAutomatically(NOW);
        remedy.offer(NOW);
        return remedy;
    }

    static Remedy fulfilling(RemedyType type) {
        var remedy = offered(type);
        remedy.accept("customer", NOW);
        remedy.startFulfilment("acme-partner", NOW);
        return remedy;
    }
}
