package org.amends.cases.status;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * The customer's status page API, without a login: the token in the path opens one case. Documented with the rest of
 * the case API (tag {@code status}, {@code security: []}) so that a partner who builds its own status page can too.
 */
@Tag(name = StatusPageController.TAG)
@RestController
class StatusPageController {

    static final String TAG = "status";

    /** The customer's rating: 1 to 5, and an optional comment that stays in case-service. */
    @Schema(name = "RatingRequest", description = "The customer's rating of how we handled the case.")
    record Rating(
            @Schema(minimum = "1", maximum = "5", description = "1 (bad) to 5 (very good).") @Nullable
            Integer rating,

            @Schema(maxLength = 2000, description = "In the customer's words; stays in case-service, never in events.")
            @Nullable
            String comment) {}

    private final StatusPage page;

    StatusPageController(StatusPage page) {
        this.page = page;
    }

    @GetMapping("/api/public/status/{token}")
    @Operation(operationId = "showStatus", summary = "The customer's status page", description = """
                    The case in the customer's words and language: its status, the timeline entries the customer \
                    may see (never internal notes), the remedies on offer and what became of them, and whether the \
                    customer has rated it. A wrong, expired or revoked token is 404 like any other.""")
    @ApiResponse(responseCode = "200", description = "The status page.")
    StatusPage.View show(@PathVariable String token) {
        return page.show(token);
    }

    @PostMapping("/api/public/status/{token}/remedies/{remedyId}/acceptance")
    @Operation(operationId = "acceptOffer", summary = "Accept a remedy on offer", description = """
                    The customer accepts a remedy offered on the status page: case-service records the answer and \
                    publishes `amends.case.remedy-accepted.v1`, on which remedy-service fulfils the remedy; the page \
                    shows the outcome when it is known. A remedy that is not on offer (any more) is 409 `illegal-transition`.""")
    @ApiResponse(
            responseCode = "202",
            description = "The acceptance is recorded and on its way to fulfilment.",
            content = @Content(schema = @Schema(implementation = StatusPage.OfferedRemedy.class)))
    ResponseEntity<StatusPage.OfferedRemedy> accept(@PathVariable String token, @PathVariable UUID remedyId) {
        return ResponseEntity.accepted().body(page.accept(token, remedyId));
    }

    @PostMapping("/api/public/status/{token}/remedies/{remedyId}/declination")
    @Operation(operationId = "declineOffer", summary = "Decline a remedy on offer", description = """
                    The customer declines a remedy offered on the status page: publishes \
                    `amends.case.remedy-declined.v1`; an agent sees it on the case's timeline and may offer another. A remedy that is not on offer (any more) is 409 \
                    `illegal-transition`.""")
    @ApiResponse(
            responseCode = "202",
            description = "The refusal is recorded and on its way to remedy-service.",
            content = @Content(schema = @Schema(implementation = StatusPage.OfferedRemedy.class)))
    ResponseEntity<StatusPage.OfferedRemedy> decline(@PathVariable String token, @PathVariable UUID remedyId) {
        return ResponseEntity.accepted().body(page.decline(token, remedyId));
    }

    @PostMapping("/api/public/status/{token}/feedback")
    @Operation(operationId = "rateCase", summary = "Rate how the case was handled", description = """
                    Once the case is resolved (or closed) the customer rates it, once: 1 to 5 with an optional \
                    comment. Publishes `amends.case.feedback-received.v1` (without the comment). Rating a case that \
                    is not resolved, or rating it twice, is 409 `illegal-transition`.""")
    @ApiResponse(
            responseCode = "201",
            description = "The rating as stored.",
            content = @Content(schema = @Schema(implementation = StatusPage.Feedback.class)))
    ResponseEntity<StatusPage.Feedback> rate(@PathVariable String token, @RequestBody Rating rating) {
        return ResponseEntity.status(HttpStatus.CREATED).body(page.rate(token, rating.rating(), rating.comment()));
    }
}
