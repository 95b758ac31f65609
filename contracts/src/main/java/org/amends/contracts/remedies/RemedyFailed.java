package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * Fulfilment failed (e.g. the partner's webhook retries were exhausted); the case needs a supervisor.
 */
public record RemedyFailed(
        UUID remedyId, UUID caseId, String channel, String fulfiller, String reason, Instant failedAt) {}
