package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * A remedy was proposed for a case, by the policy catalogue or an agent.
 *
 * @param amountMinorUnits the value in minor units of {@code currency} (ISO 4217), never floating point
 */
public record RemedyProposed(
        UUID remedyId,
        UUID caseId,
        UUID customerId,
        String remedyType,
        long amountMinorUnits,
        String currency,
        String origin,
        int policyVersion,
        String proposedBy,
        String requiredApproval,
        Instant proposedAt) {}
