package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer rated the outcome of a resolved case on its status page. The comment itself stays in case-service
 * (it is personal data); the event says only whether there was one.
 *
 * @param rating customer satisfaction, 1 (worst) to 5 (best)
 * @param withRemedy whether a remedy was accepted on the case
 * @param commentGiven whether the customer wrote a comment
 */
public record CaseFeedbackReceived(
        UUID caseId,
        String reference,
        long caseVersion,
        int rating,
        boolean withRemedy,
        boolean commentGiven,
        Instant receivedAt) {}
