package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer declined the offered remedy.
 */
public record RemedyDeclined(UUID remedyId, UUID caseId, String declinedBy, Instant declinedAt) {}
