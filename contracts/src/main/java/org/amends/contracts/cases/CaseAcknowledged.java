package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The mea-culpa acknowledgement was sent to the customer.
 *
 * @param withinSla whether it came before the acknowledgement due time
 * @param incidentId the incident whose statement acknowledged the case (it is linked to it), or null; added to v1
 *     (optional, additive)
 */
public record CaseAcknowledged(
        UUID caseId,
        String reference,
        long caseVersion,
        String acknowledgedBy,
        String locale,
        Instant acknowledgedAt,
        boolean withinSla,
        @Nullable UUID incidentId) {}
