package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The case was resolved with a root cause.
 *
 * @param rootCauseCode a short code shared by cases with the same root cause, e.g. {@code BILLING-RUN-DOUBLE-CHARGE}
 */
public record CaseResolved(
        UUID caseId,
        String reference,
        long caseVersion,
        String product,
        String errorKind,
        String rootCauseCode,
        String resolvedBy,
        Instant resolvedAt,
        boolean withinSla) {}
