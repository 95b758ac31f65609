package org.amends.remedies.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;
import org.amends.remedies.security.Party;
import org.amends.remedies.web.NotFoundException;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The remedies API for support staff. Accept and decline are how an agent answers for a customer on the phone; the
 * customer's own answer on the status page reaches this service the same way through case-service (see README).
 */
@Tag(name = "remedies")
@RestController
class RemedyController {

    record Proposal(
            @Nullable String type,
            @Nullable Long amountMinorUnits,
            @Nullable String currency) {}

    record Rejection(@Nullable String reason) {}

    record DirectFulfilment(@Nullable String reference) {}

    private final RemedyLifecycle lifecycle;
    private final Remedies remedies;

    RemedyController(RemedyLifecycle lifecycle, Remedies remedies) {
        this.lifecycle = lifecycle;
        this.remedies = remedies;
    }

    @GetMapping("/api/cases/{caseId}/remedies")
    @Operation(operationId = "listCaseRemedies", summary = "List a case's remedies", description = """
                    Every remedy of the case, newest first, whether the policy suggested it or an agent proposed it; \
                    an unknown case has none.""")
    @ApiResponse(responseCode = "200", description = "The case's remedies, newest first.")
    List<RemedyView> ofCase(@PathVariable UUID caseId) {
        return remedies.ofCase(caseId).stream().map(RemedyView::of).toList();
    }

    @PostMapping("/api/cases/{caseId}/remedies")
    @Operation(operationId = "proposeRemedy", summary = "Propose a remedy", description = """
                    An agent proposes a remedy beyond the policy's suggestions, with its amount in minor units of an \
                    ISO 4217 currency (an apology is worth 0). Publishes `amends.remedy.proposed.v1`; below the \
                    agent's limit it is approved at once (`amends.remedy.approved.v1`), otherwise it waits for a \
                    supervisor or an admin (`requiredApproval`).""")
    @ApiResponse(responseCode = "201", description = "Proposed; `Location` names the remedy.")
    ResponseEntity<RemedyView> propose(
            @PathVariable UUID caseId, @RequestBody Proposal proposal, Authentication authentication) {
        var violations = new ArrayList<FieldViolation>();
        RemedyType type = null;
        try {
            type = proposal.type() == null ? null : RemedyType.valueOf(proposal.type());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            violations.add(
                    new FieldViolation("type", "must be one of " + List.of(RemedyType.values()), proposal.type()));
        }
        Money amount = null;
        if (proposal.amountMinorUnits() == null || proposal.amountMinorUnits() < 0) {
            violations.add(new FieldViolation(
                    "amountMinorUnits",
                    "must be a whole number of minor units, 0 or more",
                    proposal.amountMinorUnits()));
        } else if (proposal.currency() == null) {
            violations.add(new FieldViolation("currency", "is required", null));
        } else {
            try {
                amount = Money.of(proposal.amountMinorUnits(), proposal.currency());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("currency", "must be an ISO 4217 code", proposal.currency()));
            }
        }
        if (type == RemedyType.APOLOGY && amount != null && !amount.isZero()) {
            violations.add(new FieldViolation(
                    "amountMinorUnits", "an apology has no monetary value", proposal.amountMinorUnits()));
        }
        if (!violations.isEmpty() || type == null || amount == null) {
            throw new InvalidRequestException(violations);
        }
        var remedy = lifecycle.proposeByAgent(caseId, type, amount, Party.of(authentication));
        return ResponseEntity.created(URI.create("/api/remedies/" + remedy.id()))
                .body(RemedyView.of(remedy));
    }

    @GetMapping("/api/remedies/{id}")
    @Operation(operationId = "getRemedy", summary = "Read a remedy", description = """
                    One remedy with its state, amount, origin and who must approve it.""")
    @ApiResponse(responseCode = "200", description = "The remedy.")
    RemedyView get(@PathVariable UUID id) {
        return remedies.find(id).map(RemedyView::of).orElseThrow(() -> new NotFoundException("No such remedy."));
    }

    @PostMapping("/api/remedies/{id}/approval")
    @Operation(operationId = "approveRemedy", summary = "Approve a remedy", description = """
                    `PROPOSED` → `APPROVED` (and offered to the customer on the status page), publishes \
                    `amends.remedy.approved.v1`. An agent approves within the agent limit, a supervisor within the \
                    supervisor limit, an admin above it and when the monthly budget would be exceeded; beyond the \
                    caller's limit the answer is 403 `forbidden` and nothing changes.""")
    @ApiResponse(responseCode = "200", description = "Approved.")
    RemedyView approve(@PathVariable UUID id, Authentication authentication) {
        return RemedyView.of(lifecycle.approve(id, Party.of(authentication)));
    }

    @PostMapping("/api/remedies/{id}/rejection")
    @Operation(operationId = "rejectRemedy", summary = "Reject a remedy", description = """
                    `PROPOSED` → `REJECTED` with a reason, publishes `amends.remedy.rejected.v1`; the customer never \
                    sees it.""")
    @ApiResponse(responseCode = "200", description = "Rejected.")
    RemedyView reject(@PathVariable UUID id, @RequestBody Rejection rejection, Authentication authentication) {
        if (rejection.reason() == null
                || rejection.reason().isBlank()
                || rejection.reason().length() > 500) {
            throw InvalidRequestException.of("reason", "a rejection carries a reason of 1 to 500 characters", null);
        }
        return RemedyView.of(lifecycle.reject(id, Party.of(authentication), rejection.reason()));
    }

    @PostMapping("/api/remedies/{id}/acceptance")
    @Operation(operationId = "acceptRemedy", summary = "Accept the offer for the customer", description = """
                    An agent answers for a customer on the phone: `OFFERED` → `ACCEPTED`, publishes \
                    `amends.remedy.accepted.v1` and starts fulfilment. Customers answer on their status page (case \
                    API).""")
    @ApiResponse(responseCode = "200", description = "Accepted; fulfilment starts.")
    RemedyView accept(@PathVariable UUID id, Authentication authentication) {
        return RemedyView.of(lifecycle.accept(id, Party.of(authentication).id()));
    }

    @PostMapping("/api/remedies/{id}/declination")
    @Operation(operationId = "declineRemedy", summary = "Decline the offer for the customer", description = """
                    An agent answers for a customer on the phone: `OFFERED` → `DECLINED`, publishes \
                    `amends.remedy.declined.v1`.""")
    @ApiResponse(responseCode = "200", description = "Declined.")
    RemedyView decline(@PathVariable UUID id, Authentication authentication) {
        return RemedyView.of(lifecycle.decline(id, Party.of(authentication).id()));
    }

    @PostMapping("/api/remedies/{id}/fulfilment")
    @Operation(operationId = "fulfilRemedyDirectly", summary = "Mark fulfilled by support", description = """
                    For the remedies support delivers itself (`APOLOGY`, `EXPEDITE`, `GOODWILL`): records what was \
                    done and publishes `amends.remedy.fulfilled.v1`. Other types are fulfilled by the ledger or a \
                    partner, and are 409 `illegal-transition` here.""")
    @ApiResponse(responseCode = "200", description = "Fulfilled.")
    RemedyView fulfilDirectly(@PathVariable UUID id, @RequestBody DirectFulfilment fulfilment) {
        if (fulfilment.reference() == null
                || fulfilment.reference().isBlank()
                || fulfilment.reference().length() > 200) {
            throw InvalidRequestException.of("reference", "say what was done, in 1 to 200 characters", null);
        }
        return RemedyView.of(lifecycle.confirmDirectFulfilment(id, fulfilment.reference()));
    }
}
