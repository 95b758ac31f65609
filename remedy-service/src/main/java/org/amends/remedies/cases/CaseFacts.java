package org.amends.remedies.cases;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What remedy-service knows of a case: enough to propose remedies, count them against a budget and pick the partner
 * that fulfils them.
 *
 * @param partner the partner that submitted the case, if a partner did
 */
public record CaseFacts(
        UUID caseId,
        UUID customerId,
        String errorKind,
        String severity,
        String locale,
        @Nullable String partner,
        String status) {}
