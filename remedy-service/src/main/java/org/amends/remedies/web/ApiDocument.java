package org.amends.remedies.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the code cannot say about remedy-service's API: it is reached through the gateway, and how callers
 * authenticate (partners by OAuth2 client credentials against Keycloak, everyone else with a bearer JWT).
 */
@Component
class ApiDocument implements OpenApiCustomizer {

    /** Per operation id: its summary, what it does, and who may call it (as the service's security enforces). */
    private static final Map<String, String[]> OPERATIONS = Map.ofEntries(
            Map.entry("ofCase", op("Remedies of a case", "Every remedy of the case, newest first.", "agent, analyst")),
            Map.entry(
                    "propose",
                    op(
                            "Propose a remedy",
                            "An agent proposes a remedy beyond the policy's suggestions; it is approved at once below "
                                    + "the agent limit, otherwise it waits for a supervisor or an admin.",
                            "agent")),
            Map.entry(
                    "confirm",
                    op(
                            "Confirm a fulfilment",
                            "The partner asked to fulfil a remedy confirms it was done; idempotent, only that partner.",
                            "partner")),
            Map.entry("list", op("Your webhooks", "The webhook endpoints of the calling partner.", "partner")),
            Map.entry(
                    "register",
                    op(
                            "Register a webhook",
                            "Registers an https endpoint of the calling partner; the signing secret is returned once. "
                                    + "Addresses in loopback, private, link-local or metadata ranges are refused.",
                            "partner")),
            Map.entry("get_1", op("One of your webhooks", "Another partner's endpoint is a 404.", "partner")),
            Map.entry(
                    "account",
                    op(
                            "A customer's credit account",
                            "Balance and entries of the double-entry credit ledger for one customer.",
                            "agent, analyst")),
            Map.entry(
                    "current",
                    op("The remedy policy", "The current version of the policy catalogue.", "agent, analyst")),
            Map.entry(
                    "replace",
                    op(
                            "Publish a new policy version",
                            "Replaces the catalogue with a new version; cases opened afterwards use it.",
                            "admin")),
            Map.entry("get", op("A remedy", "One remedy with its state and amounts.", "agent, analyst")),
            Map.entry(
                    "accept",
                    op(
                            "Accept the offer",
                            "Records the customer's acceptance (an agent answering for them).",
                            "agent")),
            Map.entry(
                    "approve",
                    op(
                            "Approve a remedy",
                            "Approves within the caller's limit (supervisor or admin above the agent limit; admin "
                                    + "when the monthly budget would be exceeded); above it a 403 problem.",
                            "agent")),
            Map.entry(
                    "decline",
                    op("Decline the offer", "Records the customer's refusal (an agent answering for them).", "agent")),
            Map.entry(
                    "fulfilDirectly",
                    op(
                            "Mark fulfilled by support",
                            "For remedies support delivers itself (apology, expedite, goodwill).",
                            "agent")),
            Map.entry("reject", op("Reject a remedy", "Rejects a proposed remedy; the reason is required.", "agent")));

    private static String[] op(String summary, String description, String roles) {
        return new String[] {summary, description + " Roles: " + roles + ".", roles};
    }

    private final String gateway;
    private final String tokenUrl;

    ApiDocument(
            @Value("${amends.api.public-url:http://localhost:8080}") String gateway,
            @Value("${amends.api.token-url:http://localhost:8180/realms/amends/protocol/openid-connect/token}")
                    String tokenUrl) {
        this.gateway = gateway;
        this.tokenUrl = tokenUrl;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(
                        new Info()
                                .title("Amends remedy API")
                                .version("1")
                                .description(
                                        "Remedies for the mistakes Amends owns: policy suggestions, approvals by role and "
                                                + "budget, the customer's offer, fulfilment by the credit ledger or a partner's "
                                                + "signed webhook. Errors are RFC 9457 problems (`https://amends.org/problems/<slug>`)."))
                .servers(List.of(new Server().url(gateway).description("The Amends gateway")))
                .components((api.getComponents() == null ? new Components() : api.getComponents())
                        .addSecuritySchemes(
                                "bearerJwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of the Keycloak realm `amends`."))
                        .addSecuritySchemes(
                                "partnerOAuth",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("Partners: OAuth 2.0 client credentials.")
                                        .flows(new OAuthFlows()
                                                .clientCredentials(new OAuthFlow()
                                                        .tokenUrl(tokenUrl)
                                                        .scopes(new io.swagger.v3.oas.models.security.Scopes())))))
                .tags(List.of(
                        new Tag().name("remedy-controller").description("Remedies and their lifecycle."),
                        new Tag().name("policy-controller").description("The remedy policy catalogue."),
                        new Tag().name("ledger-controller").description("The customers' credit ledger."),
                        new Tag()
                                .name("partner-webhook-controller")
                                .description("Partners: webhooks and fulfilment confirmation.")))
                .security(List.of(
                        new SecurityRequirement().addList("bearerJwt"),
                        new SecurityRequirement().addList("partnerOAuth")));
        if (api.getPaths() != null) {
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        var known = OPERATIONS.get(operation.getOperationId());
                        if (known != null) {
                            operation
                                    .summary(known[0])
                                    .description(known[1])
                                    .addExtension("x-amends-roles", List.of(known[2].split(", ")));
                        }
                    }));
        }
    }
}
