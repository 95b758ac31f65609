package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * An approved remedy was offered to the customer, who can accept or decline it on the status page.
 *
 * @param amountMinorUnits the value in minor units of {@code currency} (ISO 4217), never floating point
 */
public record RemedyOffered(
        UUID remedyId,
        UUID caseId,
        UUID customerId,
        String remedyType,
        long amountMinorUnits,
        String currency,
        Instant offeredAt) {}
