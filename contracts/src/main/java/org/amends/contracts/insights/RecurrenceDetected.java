package org.amends.contracts.insights;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case matched a problem whose corrective action had been marked done (after its grace period): the fix did not
 * hold. The corrective action is marked ineffective.
 *
 * @param signature the problem's signature: {@code product/errorKind}, plus {@code /rootCauseCode} once known
 * @param caseId the case that recurred
 * @param correctiveActionId the corrective action that was marked done and is now ineffective
 * @param recurrences how many recurrences this problem has had since that fix, this one included
 */
public record RecurrenceDetected(
        UUID problemId,
        String signature,
        String product,
        String errorKind,
        @Nullable String rootCauseCode,
        UUID caseId,
        String caseReference,
        UUID correctiveActionId,
        Instant correctiveActionDoneAt,
        long recurrences,
        Instant detectedAt) {}
