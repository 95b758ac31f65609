package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer accepted the remedy offered on the case's status page; remedy-service starts its fulfilment.
 *
 * @param caseVersion the case's version when the customer answered (an answer does not change the case itself)
 */
public record CaseRemedyAccepted(UUID caseId, String reference, long caseVersion, UUID remedyId, Instant answeredAt) {}
