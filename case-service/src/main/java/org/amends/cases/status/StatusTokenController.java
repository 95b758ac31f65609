package org.amends.cases.status;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.security.Party;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Agents re-issue a case's status link (shown once) or revoke it, e.g. when the customer forwarded it by mistake. */
@Tag(name = "cases")
@RestController
class StatusTokenController {

    /** The new link; the service keeps only a hash of its token, so this is the only time it is shown. */
    @Schema(description = "A new link to the case's status page; the only time it is shown.")
    record StatusLink(String statusLink) {}

    private final CaseLifecycle lifecycle;
    private final StatusTokens tokens;

    StatusTokenController(CaseLifecycle lifecycle, StatusTokens tokens) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
    }

    @PostMapping("/api/cases/{id}/status-token")
    @Operation(operationId = "reissueStatusLink", summary = "Issue a new status link", description = """
                    Issues a new token for the customer's status page and answers the link, the only time it is \
                    shown (only a hash is kept). The previous link stops working.""")
    @ApiResponse(responseCode = "201", description = "The new link.")
    @Transactional
    ResponseEntity<StatusLink> reissue(@PathVariable UUID id, Authentication authentication) {
        lifecycle.get(id, Party.of(authentication));
        return ResponseEntity.status(HttpStatus.CREATED).body(new StatusLink(tokens.issue(id)));
    }

    @DeleteMapping("/api/cases/{id}/status-token")
    @Operation(operationId = "revokeStatusLink", summary = "Revoke the status link", description = """
                    The case's status link stops working, e.g. when the customer forwarded it by mistake; issue a \
                    new one to give the customer access again.""")
    @ApiResponse(responseCode = "204", description = "Revoked (or there was no link).")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Authentication authentication) {
        lifecycle.get(id, Party.of(authentication));
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
