package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/** A resolved or closed case was reopened, because the repair did not hold. */
public record CaseReopened(
        UUID caseId, String reference, long caseVersion, String reopenedBy, String reason, Instant reopenedAt) {}
