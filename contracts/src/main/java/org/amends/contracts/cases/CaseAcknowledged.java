package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The mea-culpa acknowledgement was sent to the customer.
 *
 * @param withinSla whether it came before the acknowledgement due time
 */
public record CaseAcknowledged(
        UUID caseId,
        String reference,
        long caseVersion,
        String acknowledgedBy,
        String locale,
        Instant acknowledgedAt,
        boolean withinSla) {}
