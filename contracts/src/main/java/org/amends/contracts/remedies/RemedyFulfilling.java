package org.amends.contracts.remedies;

import java.time.Instant;
import java.util.UUID;

/**
 * Fulfilment of an accepted remedy started through a channel.
 */
public record RemedyFulfilling(UUID remedyId, UUID caseId, String channel, String fulfiller, Instant startedAt) {}
