package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/** The case was closed after its resolution; it can be reopened only within the reopen window. */
public record CaseClosed(UUID caseId, String reference, long caseVersion, String closedBy, Instant closedAt) {}
