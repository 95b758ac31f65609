package org.amends.remedies.lifecycle;

import java.time.Instant;
import java.util.UUID;
import org.amends.remedies.model.Remedy;
import org.jspecify.annotations.Nullable;

/** A remedy as the API shows it; money as minor units plus an ISO 4217 currency. */
public record RemedyView(
        UUID id,
        UUID caseId,
        String type,
        long amountMinorUnits,
        String currency,
        String state,
        String requiredApproval,
        String origin,
        String proposedBy,
        Instant proposedAt,
        @Nullable String fulfiller) {

    public static RemedyView of(Remedy remedy) {
        return new RemedyView(
                remedy.id(),
                remedy.caseId(),
                remedy.type().name(),
                remedy.amount().minorUnits(),
                remedy.amount().currencyCode(),
                remedy.state().name(),
                remedy.requiredApproval().name(),
                remedy.origin().name(),
                remedy.proposedBy(),
                remedy.proposedAt(),
                remedy.fulfiller());
    }
}
