package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * The remedy was delivered: written to the ledger, confirmed by the partner or done by support.
 */
public record RemedyFulfilled(
        UUID remedyId, UUID caseId, String channel, String fulfiller, String reference, Instant fulfilledAt) {}
