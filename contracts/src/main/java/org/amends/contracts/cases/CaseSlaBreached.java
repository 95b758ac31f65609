package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock ran out; announced once per clock and case.
 *
 * @param clock {@code ACKNOWLEDGEMENT} or {@code RESOLUTION}
 */
public record CaseSlaBreached(
        UUID caseId,
        String reference,
        long caseVersion,
        String clock,
        String severity,
        Instant dueAt,
        Instant breachedAt) {}
