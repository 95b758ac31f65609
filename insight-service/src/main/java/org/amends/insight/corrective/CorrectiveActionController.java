package org.amends.insight.corrective;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.insight.security.Caller;
import org.amends.insight.web.NotFoundException;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Corrective actions: analysts (and admins) plan and update them; supervisors read them. */
@RestController
class CorrectiveActionController {

    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_OWNER = 200;

    /** A new action: all fields required. */
    record NewAction(
            @Nullable String description,
            @Nullable String owner,
            @Nullable LocalDate dueDate) {}

    /** A change: only the fields given change. */
    record ActionChange(
            @Nullable String status,
            @Nullable String description,
            @Nullable String owner,
            @Nullable LocalDate dueDate) {}

    private final CorrectiveActions actions;
    private final Clock clock;

    CorrectiveActionController(CorrectiveActions actions, Clock clock) {
        this.actions = actions;
        this.clock = clock;
    }

    @PostMapping("/api/insights/problems/{problemId}/corrective-actions")
    @Operation(
            operationId = "planCorrectiveAction",
            summary = "Plan a corrective action",
            description = "Attaches a corrective action to the problem, in status `PLANNED`.")
    @ApiResponse(responseCode = "201", description = "Planned; `Location` names it.")
    @Transactional
    ResponseEntity<CorrectiveAction> plan(
            @PathVariable UUID problemId, @RequestBody NewAction request, Authentication authentication) {
        var violations = new ArrayList<FieldViolation>();
        text("description", request.description(), MAX_DESCRIPTION, true, violations);
        text("owner", request.owner(), MAX_OWNER, true, violations);
        if (request.dueDate() == null) {
            violations.add(new FieldViolation("dueDate", "is required (an ISO date)", null));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (!actions.problemExists(problemId)) {
            throw new NotFoundException("No problem " + problemId + ".");
        }
        var action = CorrectiveAction.plan(
                problemId,
                request.description().strip(),
                request.owner().strip(),
                request.dueDate(),
                Caller.name(authentication),
                clock.instant());
        actions.save(action);
        return ResponseEntity.created(URI.create("/api/insights/corrective-actions/" + action.actionId()))
                .body(action);
    }

    @GetMapping("/api/insights/corrective-actions/{actionId}")
    @Operation(operationId = "getCorrectiveAction", summary = "A corrective action", description = "One action.")
    @ApiResponse(responseCode = "200", description = "The action.")
    CorrectiveAction get(@PathVariable UUID actionId) {
        return actions.get(actionId).orElseThrow(() -> notFound(actionId));
    }

    @PatchMapping("/api/insights/corrective-actions/{actionId}")
    @Operation(operationId = "changeCorrectiveAction", summary = "Change a corrective action", description = """
                    Changes the fields given. `status` moves it (`PLANNED`, `IN_PROGRESS`, `DONE`); `DONE` starts \
                    its effectiveness watch: a case of the problem opened after the grace period marks it \
                    `INEFFECTIVE` and raises a recurrence alert. An ineffective action can be taken up again \
                    (`IN_PROGRESS`, `DONE`).""")
    @ApiResponse(responseCode = "200", description = "The changed action.")
    @Transactional
    CorrectiveAction change(@PathVariable UUID actionId, @RequestBody ActionChange request) {
        var violations = new ArrayList<FieldViolation>();
        text("description", request.description(), MAX_DESCRIPTION, false, violations);
        text("owner", request.owner(), MAX_OWNER, false, violations);
        ActionStatus status = null;
        if (request.status() != null) {
            try {
                status = ActionStatus.valueOf(request.status());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation(
                        "status", "must be one of " + List.of(ActionStatus.values()), request.status()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        var now = clock.instant();
        var action = actions.lock(actionId).orElseThrow(() -> notFound(actionId));
        var changed = action.describe(
                request.description() == null ? null : request.description().strip(),
                request.owner() == null ? null : request.owner().strip(),
                request.dueDate(),
                now);
        if (status != null) {
            changed = changed.moveTo(status, now);
        }
        actions.save(changed);
        return changed;
    }

    private static void text(
            String field, @Nullable String value, int max, boolean required, List<FieldViolation> violations) {
        if (value == null) {
            if (required) {
                violations.add(new FieldViolation(field, "is required", null));
            }
        } else if (value.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank", value));
        } else if (value.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters", null));
        }
    }

    private static NotFoundException notFound(UUID actionId) {
        return new NotFoundException("No corrective action " + actionId + ".");
    }
}
