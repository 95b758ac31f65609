package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * A proposed remedy was rejected, with the reason.
 */
public record RemedyRejected(UUID remedyId, UUID caseId, String rejectedBy, String reason, Instant rejectedAt) {}
