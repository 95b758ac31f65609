package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer accepted the offered remedy; fulfilment starts.
 */
public record RemedyAccepted(UUID remedyId, UUID caseId, String acceptedBy, Instant acceptedAt) {}
