package org.amends.insight.readmodel;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case whose opening was just applied for the first time: what the detectors look at, with the facts of its opening
 * the reputation score reads.
 */
public record OpenedCase(
        UUID caseId,
        String reference,
        Signature signature,
        Instant openedAt,
        @Nullable String channel,
        @Nullable Long audienceSize,
        double sentiment) {

    /**
     * Whether we opened it ourselves (channel {@code PROACTIVE}): for a customer an incident's list of affected
     * customers named, before they came to us.
     */
    public boolean proactive() {
        return "PROACTIVE".equals(channel);
    }
}
