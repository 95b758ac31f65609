package org.amends.remedies.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;
import org.amends.remedies.security.Party;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The bulk remedy of an incident: its rule, the preview of its cost against the budgets, its one approval. */
@Tag(name = "incidents")
@RestController
class IncidentRemedyController {

    @Schema(
            name = "RemedyRuleRequest",
            description = "The remedy every linked case gets: `basis` `AMOUNT_CONCERNED` (each case's amount from the "
                    + "incident's list of affected customers) or `FIXED` with `amountMinorUnits` and `currency`.")
    record RuleRequest(
            @Nullable String type,
            @Nullable String basis,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {}

    @Schema(
            name = "RemedyRuleApproval",
            description = "`overBudget: true` approves a cost above what remains of a budget.")
    record ApprovalRequest(@Nullable Boolean overBudget) {}

    @Schema(name = "RemedyRuleList", description = "Incidents' remedy rules, oldest first.")
    record RuleList(List<RemedyRule> items) {}

    /** At most this many rules in one answer: an admin's inbox, not an export. */
    static final int LIST_LIMIT = 100;

    private final BulkRemedies bulk;

    IncidentRemedyController(BulkRemedies bulk) {
        this.bulk = bulk;
    }

    @PutMapping("/api/incidents/{id}/remedy-rule")
    @Operation(operationId = "setIncidentRemedyRule", summary = "Set an incident's remedy rule", description = """
                    One rule per incident, replaced by the next `PUT` until an admin approves it (then 409). \
                    `AMOUNT_CONCERNED` gives each case the amount its customer's line gave (a proactive case's \
                    `amountMinorUnits`); a case without one gets nothing. `FIXED` gives every case the same amount.""")
    @ApiResponse(responseCode = "200", description = "The rule as set.")
    RemedyRule set(@PathVariable UUID id, @RequestBody RuleRequest body, Authentication authentication) {
        var violations = new ArrayList<FieldViolation>();
        RemedyType type = null;
        try {
            type = body.type() == null ? null : RemedyType.valueOf(body.type());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            violations.add(new FieldViolation("type", "must be one of " + List.of(RemedyType.values()), body.type()));
        }
        RemedyRule.Basis basis = null;
        try {
            basis = body.basis() == null ? null : RemedyRule.Basis.valueOf(body.basis());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (basis == null) {
            violations.add(
                    new FieldViolation("basis", "must be one of " + List.of(RemedyRule.Basis.values()), body.basis()));
        } else if (basis == RemedyRule.Basis.FIXED) {
            if (body.amountMinorUnits() == null || body.amountMinorUnits() < 0) {
                violations.add(new FieldViolation(
                        "amountMinorUnits",
                        "must be a whole number of minor units, 0 or more",
                        body.amountMinorUnits()));
            }
            try {
                Money.of(0, body.currency() == null ? "" : body.currency());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("currency", "must be an ISO 4217 code", body.currency()));
            }
        } else if (body.amountMinorUnits() != null || body.currency() != null) {
            violations.add(
                    new FieldViolation("amountMinorUnits", "is given only with basis FIXED", body.amountMinorUnits()));
        }
        if (type == RemedyType.APOLOGY && body.amountMinorUnits() != null && body.amountMinorUnits() != 0) {
            violations.add(new FieldViolation(
                    "amountMinorUnits", "an apology has no monetary value", body.amountMinorUnits()));
        }
        if (!violations.isEmpty() || type == null || basis == null) {
            throw new InvalidRequestException(violations);
        }
        var fixed = basis == RemedyRule.Basis.FIXED;
        return bulk.set(new RemedyRule(
                id,
                type,
                basis,
                fixed ? body.amountMinorUnits() : null,
                fixed ? body.currency() : null,
                Party.of(authentication).id(),
                java.time.Instant.now(),
                null,
                null));
    }

    @GetMapping("/api/remedies/incident-rules")
    @Operation(
            operationId = "listIncidentRemedyRulesAwaitingApproval",
            summary = "List incidents' remedy rules awaiting approval",
            description = """
                    The incidents' bulk remedy rules no admin has approved yet, oldest first (at most 100): what an                     admin's approvals inbox shows. Each rule's cost is in its preview.""")
    @ApiResponse(responseCode = "200", description = "The rules awaiting approval.")
    RuleList awaitingApproval() {
        return new RuleList(bulk.awaitingApproval(LIST_LIMIT));
    }

    @GetMapping("/api/incidents/{id}/remedy-rule/preview")
    @Operation(
            operationId = "previewIncidentRemedyRule",
            summary = "Preview an incident's remedy rule",
            description = """
                    What the rule costs for the linked cases still without its remedy: totals per currency, and per \
                    error kind how the cost meets what remains of this month's budget (`fits`); cases the rule gives \
                    nothing (`withoutAmount`), and how many already got it.""")
    @ApiResponse(responseCode = "200", description = "The preview.")
    BulkRemedies.Preview preview(@PathVariable UUID id) {
        return bulk.preview(id);
    }

    @PostMapping("/api/incidents/{id}/remedy-rule/approval")
    @Operation(
            operationId = "approveIncidentRemedyRule",
            summary = "Approve an incident's remedy rule",
            description = """
                    One approval covers every linked case: each then gets one remedy, approved by this approval and \
                    offered to the customer (`amends.remedy.proposed.v1`, `approved.v1`, `offered.v1` per case), \
                    fulfilled per case through the normal channels once accepted. A cost over what remains of a \
                    budget is 409 unless `overBudget` is true. Approving again changes nothing; a case linked later \
                    gets its remedy too.""")
    @ApiResponse(responseCode = "200", description = "Approved (or already approved).")
    RemedyRule approve(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable ApprovalRequest body,
            Authentication authentication) {
        var overBudget = body != null && Boolean.TRUE.equals(body.overBudget());
        return bulk.approve(id, Party.of(authentication), overBudget);
    }
}
