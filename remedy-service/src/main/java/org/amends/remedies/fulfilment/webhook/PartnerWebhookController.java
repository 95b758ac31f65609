package org.amends.remedies.fulfilment.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.amends.remedies.lifecycle.RemedyLifecycle;
import org.amends.remedies.model.Channel;
import org.amends.remedies.model.RemedyType;
import org.amends.remedies.security.Party;
import org.amends.remedies.web.NotFoundException;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner side of fulfilment: a partner registers and reads its own webhook endpoints (another partner's look
 * like they do not exist) and confirms the fulfilments it was asked for.
 */
@Tag(name = "partners")
@RestController
class PartnerWebhookController {

    private static final Set<String> PARTNER_TYPES = partnerTypes();

    record Registration(@Nullable String url, @Nullable List<String> remedyTypes) {}

    record EndpointView(UUID id, String url, List<String> remedyTypes, Instant createdAt) {}

    /** The answer to a registration: the only time the signing secret is shown. */
    record Registered(UUID id, String url, List<String> remedyTypes, Instant createdAt, String secret) {}

    record Confirmation(@Nullable String reference) {}

    record Confirmed(UUID fulfilmentId, String state) {}

    private final WebhookEndpoints endpoints;
    private final RemedyLifecycle lifecycle;
    private final JdbcClient jdbc;
    private final WebhookUrlGuard guard;
    private final Clock clock;

    PartnerWebhookController(
            WebhookEndpoints endpoints,
            RemedyLifecycle lifecycle,
            JdbcClient jdbc,
            WebhookProperties properties,
            Clock clock) {
        this.endpoints = endpoints;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.guard = WebhookUrlGuard.of(properties);
        this.clock = clock;
    }

    @PostMapping("/api/partner/webhooks")
    @Operation(operationId = "registerWebhook", summary = "Register a webhook", description = """
                    Registers an `https` endpoint of the calling partner for the remedy types it fulfils (`REFUND`, \
                    `REPLACEMENT`). The signing secret is in this answer only: keep it to verify each delivery's \
                    `webhook-signature` header (see docs/partners.md). Addresses in loopback, private, link-local or \
                    metadata ranges are refused.""")
    @ApiResponse(
            responseCode = "201",
            description = "Registered; `Location` names the webhook. The only answer with the secret.")
    ResponseEntity<Registered> register(@RequestBody Registration registration, Authentication authentication) {
        var partner = Party.of(authentication).id();
        var violations = new ArrayList<FieldViolation>();
        if (registration.url() == null
                || registration.url().isBlank()
                || registration.url().length() > 2000) {
            violations.add(new FieldViolation("url", "is required (at most 2000 characters)", null));
        } else {
            try {
                guard.check(registration.url());
            } catch (UnsafeWebhookUrlException e) {
                violations.add(new FieldViolation("url", e.getMessage(), registration.url()));
            }
        }
        var types = registration.remedyTypes() == null ? List.<String>of() : registration.remedyTypes();
        if (types.isEmpty() || !PARTNER_TYPES.containsAll(types)) {
            violations.add(new FieldViolation("remedyTypes", "must list some of " + PARTNER_TYPES, types));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        var endpoint = new WebhookEndpoints.Endpoint(
                UUID.randomUUID(),
                partner,
                registration.url().strip(),
                List.copyOf(new LinkedHashSet<>(types)),
                WebhookSignature.newSecret(),
                clock.instant());
        endpoints.add(endpoint);
        return ResponseEntity.created(URI.create("/api/partner/webhooks/" + endpoint.id()))
                .body(new Registered(
                        endpoint.id(),
                        endpoint.url(),
                        endpoint.remedyTypes(),
                        endpoint.createdAt(),
                        endpoint.secret()));
    }

    @GetMapping("/api/partner/webhooks")
    @Operation(operationId = "listWebhooks", summary = "List your webhooks", description = """
                    The calling partner's webhook endpoints, without their secrets.""")
    @ApiResponse(responseCode = "200", description = "The partner's webhooks.")
    List<EndpointView> list(Authentication authentication) {
        return endpoints.ofPartner(Party.of(authentication).id()).stream()
                .map(PartnerWebhookController::view)
                .toList();
    }

    @GetMapping("/api/partner/webhooks/{id}")
    @Operation(operationId = "getWebhook", summary = "Read one of your webhooks", description = """
                    One endpoint of the calling partner, without its secret; another partner's is 404 like one that \
                    does not exist.""")
    @ApiResponse(responseCode = "200", description = "The webhook.")
    EndpointView get(@PathVariable UUID id, Authentication authentication) {
        return endpoints
                .ofPartner(Party.of(authentication).id(), id)
                .map(PartnerWebhookController::view)
                .orElseThrow(() -> new NotFoundException("No such webhook."));
    }

    /** Idempotent: confirming twice answers the same; a fulfilment asked of another partner does not exist. */
    @PostMapping("/api/partner/fulfilments/{id}/confirmation")
    @Operation(operationId = "confirmFulfilment", summary = "Confirm a fulfilment", description = """
                    The partner asked (by webhook) to fulfil remedy `id` confirms it was done, with its own \
                    reference (the remedy id when absent). Publishes `amends.remedy.fulfilled.v1`. Idempotent: \
                    confirming again answers the same and changes nothing, so it is safe to retry. A remedy asked of \
                    another partner is 404.""")
    @ApiResponse(responseCode = "200", description = "Confirmed (now or before).")
    @Transactional
    Confirmed confirm(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable Confirmation confirmation,
            Authentication authentication) {
        var partner = Party.of(authentication).id();
        var reference = confirmation == null
                        || confirmation.reference() == null
                        || confirmation.reference().isBlank()
                ? id.toString()
                : confirmation.reference().strip();
        if (reference.length() > 200) {
            throw InvalidRequestException.of("reference", "at most 200 characters", null);
        }
        // Stored as text, which PostgreSQL cannot hold a NUL in: a 500 otherwise.
        if (reference.indexOf('\u0000') >= 0) {
            throw InvalidRequestException.of("reference", "must not contain NUL characters", null);
        }
        var asked = jdbc.sql("""
                        UPDATE webhook_deliveries SET confirmed_at = coalesce(confirmed_at, now()),
                            partner_reference = coalesce(partner_reference, ?),
                            status = CASE WHEN status = 'PENDING' THEN 'CONFIRMED' ELSE status END
                        WHERE remedy_id = ? AND partner = ?""").params(reference, id, partner).update();
        if (asked == 0) {
            throw new NotFoundException("No such fulfilment.");
        }
        var remedy = lifecycle.confirmByPartner(id, partner, reference);
        return new Confirmed(remedy.id(), remedy.state().name());
    }

    private static EndpointView view(WebhookEndpoints.Endpoint endpoint) {
        return new EndpointView(endpoint.id(), endpoint.url(), endpoint.remedyTypes(), endpoint.createdAt());
    }

    private static Set<String> partnerTypes() {
        var types = new LinkedHashSet<String>();
        for (var type : RemedyType.values()) {
            if (type.channel() == Channel.PARTNER) {
                types.add(type.name());
            }
        }
        return Set.copyOf(types);
    }
}
