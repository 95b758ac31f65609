package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * A proposed remedy was approved, automatically or by someone within their limit.
 *
 * @param amountMinorUnits the value in minor units of {@code currency} (ISO 4217), never floating point
 */
public record RemedyApproved(
        UUID remedyId,
        UUID caseId,
        String remedyType,
        long amountMinorUnits,
        String currency,
        String approvedBy,
        boolean automatic,
        Instant approvedAt) {}
