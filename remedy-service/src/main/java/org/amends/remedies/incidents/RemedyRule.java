package org.amends.remedies.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;
import org.jspecify.annotations.Nullable;

/**
 * An incident's one remedy rule: a remedy type, and per linked case either the amount concerned (as the incident's
 * list of affected customers gave it) or a fixed amount. Approved once by an admin for the whole incident.
 */
@Schema(name = "RemedyRule", description = "An incident's remedy rule, applied to every linked case once approved.")
record RemedyRule(
        UUID incidentId,
        RemedyType type,
        Basis basis,
        @Nullable Long amountMinorUnits,
        @Nullable String currency,
        String setBy,
        Instant setAt,
        @Nullable String approvedBy,
        @Nullable Instant approvedAt) {

    /** How each case's amount is found. */
    enum Basis {
        /** The amount concerned, per case, from the incident's list of affected customers. */
        AMOUNT_CONCERNED,
        /** The same fixed amount for every case. */
        FIXED
    }

    boolean approved() {
        return approvedAt != null;
    }

    /** The amount the rule gives a case whose amount concerned is {@code concerned}; null when there is none. */
    @Nullable
    Money amountFor(@Nullable Long concernedMinorUnits, @Nullable String concernedCurrency) {
        if (basis == Basis.FIXED) {
            return Money.of(
                    java.util.Objects.requireNonNull(amountMinorUnits), java.util.Objects.requireNonNull(currency));
        }
        return concernedMinorUnits == null || concernedCurrency == null
                ? null
                : Money.of(concernedMinorUnits, concernedCurrency);
    }
}
