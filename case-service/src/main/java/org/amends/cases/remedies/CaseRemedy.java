package org.amends.cases.remedies;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A remedy of a case as the customer sees it. Type and amount are null only while the events that carry them have
 * not arrived yet.
 *
 * @param amountMinorUnits the value in minor units of {@code currency}
 * @param state the remedy's latest lifecycle step, e.g. {@code OFFERED}
 */
public record CaseRemedy(
        UUID remedyId,
        @Nullable String type,
        @Nullable Long amountMinorUnits,
        @Nullable String currency,
        String state) {}
