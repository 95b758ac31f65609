package org.amends.insight.corrective;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A corrective action on a problem. Plain Java: its transitions are guarded here, not in the adapters.
 *
 * @param doneAt when it was last marked done: the start of its effectiveness watch (null when not done)
 * @param recurrences cases of its problem opened after {@code doneAt} plus the grace period
 */
public record CorrectiveAction(
        UUID actionId,
        UUID problemId,
        String description,
        String owner,
        LocalDate dueDate,
        ActionStatus status,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant doneAt,
        @Nullable Instant ineffectiveAt,
        long recurrences) {

    public static CorrectiveAction plan(
            UUID problemId, String description, String owner, LocalDate dueDate, String by, Instant now) {
        return new CorrectiveAction(
                UUID.randomUUID(),
                problemId,
                description,
                owner,
                dueDate,
                ActionStatus.PLANNED,
                by,
                now,
                now,
                null,
                null,
                0);
    }

    /**
     * Moves to {@code next}. {@code DONE} (re)starts the effectiveness watch; leaving {@code DONE} stops it. Nobody
     * marks an action ineffective by hand: a recurrence does.
     */
    public CorrectiveAction moveTo(ActionStatus next, Instant now) {
        if (next == status) {
            return this;
        }
        if (next == ActionStatus.INEFFECTIVE) {
            throw new IllegalTransitionException(
                    "An action becomes INEFFECTIVE only when its problem recurs after it was done.");
        }
        if (status == ActionStatus.INEFFECTIVE && next == ActionStatus.PLANNED) {
            throw new IllegalTransitionException(
                    "An ineffective action can go back to IN_PROGRESS or DONE, not PLANNED.");
        }
        var done = next == ActionStatus.DONE ? now : null;
        return new CorrectiveAction(
                actionId,
                problemId,
                description,
                owner,
                dueDate,
                next,
                createdBy,
                createdAt,
                now,
                done,
                next == ActionStatus.DONE ? null : ineffectiveAt,
                next == ActionStatus.DONE ? 0 : recurrences);
    }

    /** A case of the problem opened after the watch's grace period: the fix did not hold. */
    public CorrectiveAction recurred(Instant now) {
        var ineffective = status == ActionStatus.DONE ? now : ineffectiveAt;
        return new CorrectiveAction(
                actionId,
                problemId,
                description,
                owner,
                dueDate,
                ActionStatus.INEFFECTIVE,
                createdBy,
                createdAt,
                now,
                doneAt,
                ineffective,
                recurrences + 1);
    }

    public CorrectiveAction describe(
            @Nullable String newDescription, @Nullable String newOwner, @Nullable LocalDate due, Instant now) {
        return new CorrectiveAction(
                actionId,
                problemId,
                newDescription != null ? newDescription : description,
                newOwner != null ? newOwner : owner,
                due != null ? due : dueDate,
                status,
                createdBy,
                createdAt,
                now,
                doneAt,
                ineffectiveAt,
                recurrences);
    }
}
