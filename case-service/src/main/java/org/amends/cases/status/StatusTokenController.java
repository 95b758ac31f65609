package org.amends.cases.status;

import io.swagger.v3.oas.annotations.Hidden;
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
@Hidden
@RestController
class StatusTokenController {

    /** The new link; the service keeps only a hash of its token, so this is the only time it is shown. */
    record StatusLink(String statusLink) {}

    private final CaseLifecycle lifecycle;
    private final StatusTokens tokens;

    StatusTokenController(CaseLifecycle lifecycle, StatusTokens tokens) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
    }

    @PostMapping("/api/cases/{id}/status-token")
    @Transactional
    ResponseEntity<StatusLink> reissue(@PathVariable UUID id, Authentication authentication) {
        lifecycle.get(id, Party.of(authentication));
        return ResponseEntity.status(HttpStatus.CREATED).body(new StatusLink(tokens.issue(id)));
    }

    @DeleteMapping("/api/cases/{id}/status-token")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Authentication authentication) {
        lifecycle.get(id, Party.of(authentication));
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
