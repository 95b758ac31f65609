package org.amends.contracts.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An open case's reputation-risk score crossed the threshold. case-service escalates the case on its timeline.
 *
 * @param score the score, 0 to 100, the sum of the components' points
 * @param threshold the threshold it crossed
 * @param components why: each component's points and a short reason
 */
public record ReputationRiskRaised(
        UUID caseId, String caseReference, int score, int threshold, List<Component> components, Instant raisedAt) {

    public ReputationRiskRaised {
        components = List.copyOf(components);
    }

    /**
     * One part of the score.
     *
     * @param name {@code channel}, {@code audience}, {@code sentiment} or {@code unresolved}
     * @param points its share of the score
     * @param reason e.g. {@code social channel}, {@code audience of 120000}
     */
    public record Component(String name, int points, String reason) {}
}
