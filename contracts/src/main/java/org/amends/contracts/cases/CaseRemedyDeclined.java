package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer declined the remedy offered on the case's status page.
 *
 * @param caseVersion the case's version when the customer answered (an answer does not change the case itself)
 */
public record CaseRemedyDeclined(UUID caseId, String reference, long caseVersion, UUID remedyId, Instant answeredAt) {}
