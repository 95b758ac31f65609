package org.amends.contracts.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case was taken in. Carries no contact details: consumers get the pseudonymous {@code customerId}.
 *
 * @param caseVersion the case's version after this change; consumers order one case's events by it
 * @param submittedBy who filed it: a partner client id or an agent's user name
 * @param submitterKind {@code PARTNER} or {@code AGENT}
 * @param sentiment the triage sentiment estimate of the customer's text, from -1 (angry) to 1
 * @param incidentId the incident the case was linked to when it was opened (a matching open incident, or the incident
 *     whose list of affected customers opened it), or null; added to v1 (optional, additive)
 * @param amountMinorUnits for a {@code PROACTIVE} case, the amount concerned as the incident's list gave it, in minor
 *     units; null otherwise or when the list gave none; added to v1 (optional, additive)
 * @param currency the ISO 4217 currency of {@code amountMinorUnits}, or null with it
 */
public record CaseOpened(
        UUID caseId,
        String reference,
        long caseVersion,
        String channel,
        String submittedBy,
        String submitterKind,
        UUID customerId,
        String locale,
        @Nullable Long audienceSize,
        String product,
        String errorKind,
        String impact,
        String severity,
        double sentiment,
        @Nullable String orderReference,
        Instant openedAt,
        Instant acknowledgeDueAt,
        Instant resolveDueAt,
        @Nullable UUID incidentId,
        @Nullable Long amountMinorUnits,
        @Nullable String currency) {}
