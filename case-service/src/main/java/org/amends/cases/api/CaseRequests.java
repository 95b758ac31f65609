package org.amends.cases.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;

/** The bodies of the lifecycle requests, each checking its own fields. */
final class CaseRequests {

    static final int MESSAGE_MAX = 10_000;
    static final int NOTE_MAX = 10_000;
    static final int ROOT_CAUSE_CODE_MAX = 64;
    static final int TEXT_MAX = 2_000;

    private CaseRequests() {}

    @Schema(
            name = "AcknowledgeRequest",
            description = "An optional edited mea-culpa; without `message` the template is sent.")
    record Acknowledge(@Nullable String message) {
        @Nullable
        String validMessage() {
            if (message == null) {
                return null;
            }
            new InvalidRequestException.Checks()
                    .required("message", message, MESSAGE_MAX)
                    .throwIfAny();
            return message.strip();
        }
    }

    @Schema(name = "ResolveRequest", description = "The root cause that resolves a case.")
    record Resolve(@Nullable String rootCauseCode, @Nullable String summary) {
        RootCause validRootCause() {
            new InvalidRequestException.Checks()
                    .required("rootCauseCode", rootCauseCode, ROOT_CAUSE_CODE_MAX)
                    .required("summary", summary, TEXT_MAX)
                    .throwIfAny();
            return new RootCause(rootCauseCode.strip(), summary.strip());
        }
    }

    @Schema(name = "ReopenRequest", description = "Why a resolved or closed case is reopened.")
    record Reopen(@Nullable String reason) {
        String validReason() {
            new InvalidRequestException.Checks()
                    .required("reason", reason, TEXT_MAX)
                    .throwIfAny();
            return reason.strip();
        }
    }

    @Schema(name = "NoteRequest", description = "A note for the case's timeline.")
    record Note(@Nullable String text, @Nullable String visibility) {
        Visibility validVisibility() {
            var checks = new InvalidRequestException.Checks();
            checks.required("text", text, NOTE_MAX);
            var parsed = checks.oneOf("visibility", visibility, Visibility.class, true);
            checks.throwIfAny();
            return Objects.requireNonNull(parsed);
        }
    }
}
