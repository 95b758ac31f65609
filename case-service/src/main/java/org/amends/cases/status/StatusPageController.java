package org.amends.cases.status;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's status page API, without a login: the token in the path opens one case. Not in the partner-facing
 * OpenAPI document (it is the customer's, not a partner's, API).
 */
@Hidden
@RestController
class StatusPageController {

    /** The customer's rating: 1 to 5, and an optional comment that stays in case-service. */
    record Rating(@Nullable Integer rating, @Nullable String comment) {}

    private final StatusPage page;

    StatusPageController(StatusPage page) {
        this.page = page;
    }

    @GetMapping("/api/public/status/{token}")
    StatusPage.View show(@PathVariable String token) {
        return page.show(token);
    }

    @PostMapping("/api/public/status/{token}/remedies/{remedyId}/acceptance")
    ResponseEntity<StatusPage.OfferedRemedy> accept(@PathVariable String token, @PathVariable UUID remedyId) {
        return ResponseEntity.accepted().body(page.accept(token, remedyId));
    }

    @PostMapping("/api/public/status/{token}/remedies/{remedyId}/declination")
    ResponseEntity<StatusPage.OfferedRemedy> decline(@PathVariable String token, @PathVariable UUID remedyId) {
        return ResponseEntity.accepted().body(page.decline(token, remedyId));
    }

    @PostMapping("/api/public/status/{token}/feedback")
    ResponseEntity<StatusPage.Feedback> rate(@PathVariable String token, @RequestBody Rating rating) {
        return ResponseEntity.status(HttpStatus.CREATED).body(page.rate(token, rating.rating(), rating.comment()));
    }
}
