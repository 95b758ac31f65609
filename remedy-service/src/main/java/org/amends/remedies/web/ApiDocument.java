package org.amends.remedies.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.amends.web.CorrelationIdFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds to the OpenAPI document springdoc generates from the controllers what the code cannot say: who may call each
 * operation and how they get a token, every error as an RFC 9457 problem with its {@code type} URI, the
 * {@code Location}, {@code Retry-After} and {@code X-Correlation-Id} headers, and an example for every body. The
 * gateway answers 413, 429, 503 and 504 on these paths, so they are documented here too: callers see the paths only
 * through the gateway.
 */
@Component
class ApiDocument implements OpenApiCustomizer {

    static final String PROBLEM_ROOT = "https://amends.org/problems/";
    static final String ROLES_EXTENSION = "x-amends-roles";
    static final String PARTNER_OAUTH = "partnerOAuth";
    static final String BEARER_JWT = "bearerJwt";

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String EXAMPLE_REMEDY_PATH = "/api/remedies/5c1d9e2f-3a4b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String CORRELATION_ID = "3f6e2c1a-7b4d-4e8f-9a0b-1c2d3e4f5a6b";

    /** One problem type: its slug, status, what it means and whether the same request may be sent again. */
    record ProblemType(String slug, int status, String meaning, String retry) {

        String uri() {
            return PROBLEM_ROOT + slug;
        }
    }

    /** Every problem type a caller of these paths can get, from the service or from the gateway in front of it. */
    static final List<ProblemType> PROBLEMS = List.of(
            new ProblemType(
                    "validation",
                    400,
                    "One or more fields break a rule; `errors` lists every one with its reason.",
                    "No: correct the request."),
            new ProblemType(
                    "malformed-request",
                    400,
                    "The body is missing or not JSON, or the method or media type is not supported.",
                    "No: correct the request."),
            new ProblemType(
                    "unauthorized",
                    401,
                    "No token, or an expired, forged or wrong-audience one.",
                    "Yes, once, with a fresh token."),
            new ProblemType(
                    "forbidden",
                    403,
                    "The token's roles do not allow this operation, or the remedy is above the caller's approval "
                            + "limit or the monthly budget.",
                    "No: it needs another role (a supervisor or an admin for an approval)."),
            new ProblemType(
                    "not-found",
                    404,
                    "No such remedy, case, webhook or fulfilment, or not one this caller may see (a partner sees only "
                            + "its own webhooks and the fulfilments it was asked for); an id that is not a UUID too.",
                    "No."),
            new ProblemType(
                    "illegal-transition",
                    409,
                    "The remedy's state does not allow this step (for example approving a remedy already offered).",
                    "No: read the remedy and its state first."),
            new ProblemType(
                    "payload-too-large",
                    413,
                    "The body is larger than the gateway accepts (1 MB by default).",
                    "No: send a smaller body."),
            new ProblemType(
                    "rate-limited",
                    429,
                    "This client sent more requests than its budget allows (answered by the gateway).",
                    "Yes, after the number of seconds in `Retry-After`."),
            new ProblemType(
                    "internal",
                    500,
                    "Something failed on our side; the `correlationId` finds it in our logs.",
                    "Reads and `confirmFulfilment`: yes, with backoff. Other changes: read the remedy first, the "
                            + "change may have been applied."),
            new ProblemType(
                    "service-unavailable",
                    503,
                    "The service behind this path is down or its circuit breaker is open (answered by the gateway).",
                    "Yes, with backoff: the request did not reach the service."),
            new ProblemType(
                    "gateway-timeout",
                    504,
                    "The service did not answer in time (answered by the gateway); the change may have been applied.",
                    "Reads and `confirmFulfilment`: yes. Other changes: read the remedy first."));

    /** What the code cannot say about one operation: its roles, its own errors, its examples. */
    private record Documented(
            List<String> roles, List<String> errors, String request, String response, String responseName) {}

    private static final List<String> STAFF_READERS = List.of("agent", "analyst");
    private static final List<String> AGENT = List.of("agent");
    private static final List<String> PARTNER = List.of("partner");
    private static final List<String> STEP = List.of("404", "409");
    private static final List<String> STEP_WITH_BODY = List.of("400", "404", "409", "413");
    private static final String NONE = "";

    /** Per operation id: the roles the security configuration lets in (a test holds us to it), errors, examples. */
    private static final Map<String, Documented> OPERATIONS = Map.ofEntries(
            Map.entry(
                    "listCaseRemedies", new Documented(STAFF_READERS, List.of("404"), NONE, "remedyList", "remedies")),
            Map.entry(
                    "proposeRemedy",
                    new Documented(
                            AGENT, List.of("400", "404", "413"), "proposeRequest", "proposedRemedy", "proposed")),
            Map.entry("getRemedy", new Documented(STAFF_READERS, List.of("404"), NONE, "offeredRemedy", "remedy")),
            Map.entry("approveRemedy", new Documented(AGENT, STEP, NONE, "approvedRemedy", "approved")),
            Map.entry(
                    "rejectRemedy",
                    new Documented(AGENT, STEP_WITH_BODY, "rejectRequest", "rejectedRemedy", "rejected")),
            Map.entry("acceptRemedy", new Documented(AGENT, STEP, NONE, "acceptedRemedy", "accepted")),
            Map.entry("declineRemedy", new Documented(AGENT, STEP, NONE, "declinedRemedy", "declined")),
            Map.entry(
                    "fulfilRemedyDirectly",
                    new Documented(AGENT, STEP_WITH_BODY, "directFulfilmentRequest", "fulfilledApology", "fulfilled")),
            Map.entry("getPolicy", new Documented(STAFF_READERS, List.of(), NONE, "policy", "policy")),
            Map.entry(
                    "replacePolicy",
                    new Documented(
                            List.of("admin"), List.of("400", "413"), "replacePolicyRequest", "newPolicy", "policy")),
            Map.entry("getCreditAccount", new Documented(STAFF_READERS, List.of("404"), NONE, "account", "account")),
            Map.entry(
                    "exportCustomerRecord",
                    new Documented(List.of("admin"), List.of(), NONE, "customerRecord", "customerRecord")),
            Map.entry(
                    "registerWebhook",
                    new Documented(
                            PARTNER, List.of("400", "413"), "registerWebhookRequest", "registered", "registered")),
            Map.entry("listWebhooks", new Documented(PARTNER, List.of(), NONE, "webhookList", "webhooks")),
            Map.entry("getWebhook", new Documented(PARTNER, List.of("404"), NONE, "webhook", "webhook")),
            Map.entry(
                    "confirmFulfilment",
                    new Documented(
                            PARTNER, List.of("400", "404", "409", "413"), "confirmRequest", "confirmed", "confirmed")),
            Map.entry(
                    "setIncidentRemedyRule",
                    new Documented(
                            List.of("supervisor"),
                            List.of("400", "409", "413"),
                            "remedyRuleRequest",
                            "remedyRule",
                            "remedyRule")),
            Map.entry(
                    "listIncidentRemedyRulesAwaitingApproval",
                    new Documented(List.of("supervisor", "analyst"), List.of(), NONE, "remedyRuleList", "awaiting")),
            Map.entry(
                    "previewIncidentRemedyRule",
                    new Documented(
                            List.of("supervisor", "analyst"), List.of("404"), NONE, "remedyRulePreview", "preview")),
            Map.entry(
                    "approveIncidentRemedyRule",
                    new Documented(
                            List.of("admin"),
                            List.of("400", "404", "409", "413"),
                            "remedyRuleApprovalRequest",
                            "approvedRemedyRule",
                            "approved")));

    /** Errors every operation can answer: from the token check, the rate limit, the service and the gateway. */
    private static final List<String> COMMON_ERRORS = List.of("401", "403", "429", "500", "503", "504");

    /** The reusable error responses, by status. */
    private static final Map<String, String> ERROR_RESPONSES = Map.ofEntries(
            Map.entry("400", "BadRequest"),
            Map.entry("401", "Unauthorized"),
            Map.entry("403", "Forbidden"),
            Map.entry("404", "NotFound"),
            Map.entry("409", "Conflict"),
            Map.entry("413", "PayloadTooLarge"),
            Map.entry("429", "RateLimited"),
            Map.entry("500", "InternalError"),
            Map.entry("503", "ServiceUnavailable"),
            Map.entry("504", "GatewayTimeout"));

    private final String gateway;
    private final String tokenUrl;
    private final Map<String, Object> examples;

    ApiDocument(
            @Value("${amends.api.public-url:http://localhost:8080}") String gateway,
            @Value("${amends.api.token-url:http://localhost:8180/realms/amends/protocol/openid-connect/token}")
                    String tokenUrl) {
        this.gateway = gateway;
        this.tokenUrl = tokenUrl;
        try (InputStream in = ApiDocument.class.getResourceAsStream("examples.json")) {
            if (in == null) {
                throw new IllegalStateException("examples.json is missing");
            }
            examples =
                    JsonMapper.builder().build().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(info())
                .servers(List.of(new Server()
                        .url(gateway)
                        .description("The gateway of a local run; every path is as the gateway exposes it.")))
                .tags(List.of(
                        new Tag()
                                .name("remedies")
                                .description("Remedies of a case: proposal, approval by role and budget, the "
                                        + "customer's answer, fulfilment by support."),
                        new Tag().name("policy").description("The remedy policy catalogue the suggestions come from."),
                        new Tag()
                                .name("ledger")
                                .description(
                                        "The customers' credit ledger, and a customer's whole remedy record for their data export."),
                        new Tag()
                                .name("incidents")
                                .description("An incident's bulk remedy: one rule for every linked case, its cost "
                                        + "against this month's budgets, one admin approval. The rest of an incident "
                                        + "is in the case API."),
                        new Tag()
                                .name("partners")
                                .description("Partner systems: their webhooks and the fulfilments they confirm.")));
        var components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.securitySchemes(securitySchemes());
        components.parameters(Map.of("CorrelationId", correlationIdParameter()));
        components.headers(headers());
        components.addSchemas("Problem", problemSchema());
        components.addSchemas("FieldError", fieldErrorSchema());
        components.responses(errorResponses());
        describeAnswers(components.getSchemas());
        api.getPaths().values().forEach(path -> path.readOperations().forEach(this::document));
    }

    private static Info info() {
        var problems = PROBLEMS.stream()
                .map(p -> "| `" + p.slug() + "` | " + p.status() + " | " + p.meaning() + " | " + p.retry() + " |")
                .collect(Collectors.joining("\n"));
        return new Info().title("Amends remedy API").version("1.0.0").description("""
                        Remedies for the mistakes Amends owns: suggestions from the policy catalogue, approvals by \
                        role and monthly budget, the customer's offer, fulfilment by support, by the credit ledger \
                        or by a partner's signed webhook. Money is always `amountMinorUnits` (an integer) with an \
                        ISO 4217 `currency`.

                        **Authentication.** Every operation needs a bearer token of the Keycloak realm `amends` with \
                        audience `amends-api`. Partner systems use the OAuth2 client-credentials grant \
                        (`partnerOAuth`) and call only `/api/partner/**`; people sign in through the portal or use \
                        `bearerJwt`. Each operation names the realm roles that may call it (also in `%s`); \
                        `supervisor` and `admin` include `agent`, `admin` includes `analyst`.

                        **Errors** are RFC 9457 problems (`application/problem+json`) with a `type` of \
                        `https://amends.org/problems/<slug>`, the request path as `instance` and a `correlationId`. \
                        Never a stack trace.

                        | slug | status | meaning | safe to retry? |
                        | --- | --- | --- | --- |
                        %s

                        **Idempotency.** `confirmFulfilment` is idempotent by itself: confirming again answers the \
                        same and changes nothing. The other changes are state transitions: repeating one that was \
                        applied is 409 `illegal-transition`, never a second effect. This API takes no \
                        `Idempotency-Key` and no `If-Match`.

                        **Lists** are short and unpaginated: a case has a handful of remedies, a partner a handful \
                        of webhooks, the policy one rule per kind, severity and remedy type.

                        **Rate limits.** The gateway gives every client a token bucket (200 requests a second, bursts \
                        of 400, by default); past it the answer is 429 with `Retry-After` in seconds.

                        **Correlation.** Send `X-Correlation-Id` to follow a request through our logs; it is echoed \
                        (or created) on every answer and put in every problem.""".formatted(
                        ROLES_EXTENSION, problems));
    }

    private Map<String, SecurityScheme> securitySchemes() {
        var schemes = new LinkedHashMap<String, SecurityScheme>();
        schemes.put(
                PARTNER_OAUTH,
                new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .description("Partner systems: the OAuth2 client-credentials grant of their Keycloak client "
                                + "(realm `amends`); the token carries the realm role `partner`, and the client id "
                                + "(`azp`) is the partner.")
                        .flows(new OAuthFlows()
                                .clientCredentials(
                                        new OAuthFlow().tokenUrl(tokenUrl).scopes(new Scopes()))));
        schemes.put(
                BEARER_JWT,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A JWT of the Keycloak realm `amends` with audience `amends-api`, issued to a "
                                + "person (agent, supervisor, analyst, admin); the portal's session relays it "
                                + "through the gateway. Roles come from `realm_access.roles`."));
        return schemes;
    }

    private static Parameter correlationIdParameter() {
        return new Parameter()
                .in("header")
                .name(CorrelationIdFilter.HEADER)
                .required(false)
                .description("Follows the request through every service's logs; created when absent. 1 to 100 of "
                        + "`A-Z a-z 0-9 . _ : -`; anything else is replaced.")
                .schema(string().maxLength(100).pattern("^[A-Za-z0-9._:-]{1,100}$"))
                .example(CORRELATION_ID);
    }

    private static Map<String, Header> headers() {
        var headers = new LinkedHashMap<String, Header>();
        headers.put(
                "Location",
                new Header()
                        .description("The path of what was created.")
                        .schema(string().format("uri-reference"))
                        .example(EXAMPLE_REMEDY_PATH));
        headers.put(
                "RetryAfter",
                new Header()
                        .description("Seconds to wait before the next request.")
                        .schema(integer().minimum(BigDecimal.ONE))
                        .example(1));
        headers.put(
                "CorrelationId",
                new Header()
                        .description("The request's correlation id: the caller's `X-Correlation-Id`, or a new one.")
                        .schema(string())
                        .example(CORRELATION_ID));
        return headers;
    }

    private static Schema<?> problemSchema() {
        var slugs = PROBLEMS.stream()
                .map(p -> "`" + p.slug() + "` (" + p.status() + ")")
                .collect(Collectors.joining(", "));
        var schema = object().description("An RFC 9457 problem: what went wrong, for people and for programs.");
        schema.addProperty(
                "type",
                string().format("uri")
                        .description("`https://amends.org/problems/<slug>`, one of: " + slugs
                                + ". The API description lists what each means and whether to retry."));
        schema.addProperty("title", string().description("The HTTP status's reason phrase."));
        schema.addProperty("status", integer().description("The HTTP status code."));
        schema.addProperty("detail", string().description("What went wrong in this occurrence, for people."));
        schema.addProperty("instance", string().format("uri-reference").description("The request's path."));
        schema.addProperty(
                "correlationId", string().description("The request's `X-Correlation-Id`: quote it when you ask us."));
        schema.addProperty(
                "errors",
                new JsonSchema()
                        .types(types("array"))
                        .description("Only in `validation` problems: every broken rule.")
                        .items(ref("FieldError")));
        schema.required(List.of("type", "title", "status"));
        return schema;
    }

    private static Schema<?> fieldErrorSchema() {
        var schema = object().description("One field that breaks a rule.");
        schema.addProperty("field", string().description("The field's path (`rules.0.severity`)."));
        schema.addProperty("message", string().description("The rule it breaks."));
        schema.addProperty("rejected", new JsonSchema().description("The value given, when it is safe to echo it."));
        schema.required(List.of("field", "message"));
        return schema;
    }

    /**
     * The answers' schemas: every property is always present, and these may be {@code null} (the API writes nulls
     * rather than leaving properties out). Kept by name because the answer records are private to their features.
     */
    private static final Map<String, List<String>> ANSWERS = Map.ofEntries(
            Map.entry("RemedyView", List.of("fulfiller")),
            Map.entry("Account", List.of()),
            Map.entry("Balance", List.of()),
            Map.entry("Posting", List.of("remedyId", "reverses")),
            Map.entry("PolicyDocument", List.of()),
            Map.entry("EndpointView", List.of()),
            Map.entry("Registered", List.of()),
            Map.entry("Confirmed", List.of()),
            Map.entry("RemedyRule", List.of("amountMinorUnits", "currency", "approvedBy", "approvedAt")),
            Map.entry("RemedyRulePreview", List.of()),
            Map.entry("RemedyRuleTotal", List.of()),
            Map.entry("RemedyRuleBudgetCheck", List.of()));

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeAnswers(Map<String, Schema> schemas) {
        ANSWERS.forEach((name, nullable) -> {
            var schema = schemas.get(name);
            if (schema == null) {
                throw new IllegalStateException("no schema " + name);
            }
            schema.required(List.copyOf(
                    new java.util.TreeSet<String>(schema.getProperties().keySet())));
            for (var property : nullable) {
                var described = (Schema) schema.getProperties().get(property);
                if (described == null) {
                    throw new IllegalStateException(name + " has no property " + property);
                }
                var types = new LinkedHashSet<String>(
                        described.getTypes() != null ? described.getTypes() : Set.of(described.getType()));
                types.add("null");
                described.setTypes(types);
            }
        });
        var view = schemas.get("RemedyView").description("A remedy as the API shows it.");
        property(view, "type").description("What the remedy is.");
        property(view, "state")
                .description("Where the remedy stands: `PROPOSED` → `APPROVED` | `REJECTED` → "
                        + "`OFFERED` → `ACCEPTED` | `DECLINED` → `FULFILLING` → `FULFILLED` | `FAILED`.");
        property(view, "requiredApproval")
                .description("Who must approve it: `AUTOMATIC` (within the agent limit), `SUPERVISOR` or `ADMIN`.");
        property(view, "origin").description("`POLICY` (suggested from the catalogue) or `AGENT` (proposed).");
        property(view, "fulfiller")
                .description("Who fulfils it, once accepted: `ledger`, a partner's client id, or `support`.");
        property(schemas.get("Posting"), "reverses").description("The transaction this one reverses, if it does.");
    }

    @SuppressWarnings("rawtypes")
    private static Schema property(Schema schema, String name) {
        var property = (Schema) schema.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException(schema.getName() + " has no property " + name);
        }
        return property;
    }

    private static Map<String, ApiResponse> errorResponses() {
        var responses = new LinkedHashMap<String, ApiResponse>();
        for (var entry : ERROR_RESPONSES.entrySet()) {
            var status = Integer.parseInt(entry.getKey());
            var types = PROBLEMS.stream().filter(p -> p.status() == status).toList();
            var media = new MediaType().schema(ref("Problem"));
            for (var type : types) {
                media.addExamples(
                        type.slug(), new Example().summary(type.meaning()).value(problemExample(type)));
            }
            var response = new ApiResponse()
                    .description(types.stream()
                            .map(t -> "`" + t.slug() + "`: " + t.meaning() + " Retry: " + t.retry())
                            .collect(Collectors.joining(" ")))
                    .content(new Content().addMediaType(PROBLEM_JSON, media))
                    .addHeaderObject(CorrelationIdFilter.HEADER, headerRef("CorrelationId"));
            if (status == 429) {
                response.addHeaderObject("Retry-After", headerRef("RetryAfter"));
            }
            responses.put(entry.getValue(), response);
        }
        return responses;
    }

    private static Map<String, Object> problemExample(ProblemType type) {
        var example = new LinkedHashMap<String, Object>();
        example.put("type", type.uri());
        example.put("title", HttpStatus.valueOf(type.status()).getReasonPhrase());
        example.put("status", type.status());
        example.put(
                "detail",
                switch (type.slug()) {
                    case "validation" -> "The request breaks one or more field rules.";
                    case "forbidden" -> "Approving 25000 EUR needs the ADMIN authority.";
                    case "illegal-transition" ->
                        "Remedy 5c1d9e2f-3a4b-4c6d-8e7f-9a0b1c2d3e4f is OFFERED, not PROPOSED.";
                    case "not-found" -> "No such remedy.";
                    default -> type.meaning().replace("`", "");
                });
        example.put("instance", EXAMPLE_REMEDY_PATH + (type.slug().equals("validation") ? "/rejection" : ""));
        example.put("correlationId", CORRELATION_ID);
        if (type.slug().equals("validation")) {
            example.put(
                    "errors",
                    List.of(Map.of(
                            "field", "reason", "message", "a rejection carries a reason of 1 to 500 characters")));
        }
        return example;
    }

    private void document(Operation operation) {
        var id = operation.getOperationId();
        var documented = OPERATIONS.get(id);
        if (documented == null) {
            throw new IllegalStateException("operation " + id + " has no roles, errors and examples documented");
        }
        operation.addExtension(ROLES_EXTENSION, documented.roles());
        operation.description(operation.getDescription() + "\n\nRoles: " + String.join(", ", documented.roles())
                + (documented.roles().contains("agent") ? " (`supervisor` and `admin` include `agent`)" : "")
                + (documented.roles().contains("analyst") ? " (`admin` includes `analyst`)" : "")
                + ".");
        operation.security(List.of(new SecurityRequirement()
                .addList(documented.roles().contains("partner") ? PARTNER_OAUTH : BEARER_JWT)));

        var parameters = operation.getParameters() == null
                ? new ArrayList<Parameter>()
                : new ArrayList<>(operation.getParameters());
        parameters.forEach(parameter -> describeParameter(id, parameter));
        parameters.add(new Parameter().$ref("#/components/parameters/CorrelationId"));
        operation.parameters(parameters);

        if (operation.getRequestBody() != null) {
            operation
                    .getRequestBody()
                    .getContent()
                    .get(JSON)
                    .addExamples(documented.request(), new Example().value(example(documented.request())));
        }
        operation.getResponses().forEach((status, response) -> {
            response.addHeaderObject(CorrelationIdFilter.HEADER, headerRef("CorrelationId"));
            if (status.equals("201")) {
                response.addHeaderObject("Location", headerRef("Location"));
            }
            response.getContent()
                    .get(JSON)
                    .addExamples(documented.responseName(), new Example().value(example(documented.response())));
        });
        var errors = new ArrayList<>(documented.errors());
        errors.addAll(COMMON_ERRORS);
        for (var status : errors) {
            operation
                    .getResponses()
                    .addApiResponse(
                            status, new ApiResponse().$ref("#/components/responses/" + ERROR_RESPONSES.get(status)));
        }
    }

    private static void describeParameter(String operationId, Parameter parameter) {
        switch (parameter.getName()) {
            case "caseId" -> parameter.description("The case's id (a UUID), as case-service gave it.");
            case "customerId" ->
                parameter.description("The customer's pseudonymous id (`customerId` of their cases, a UUID).");
            case "id" ->
                parameter.description(
                        switch (operationId) {
                            case "getWebhook" -> "The webhook's id (a UUID), from its registration.";
                            case "setIncidentRemedyRule", "previewIncidentRemedyRule", "approveIncidentRemedyRule" ->
                                "The incident's id (a UUID), as case-service gave it.";
                            case "confirmFulfilment" ->
                                "The fulfilment to confirm: the `fulfilmentId` of the webhook delivery that asked for it (the remedy's id).";
                            default -> "The remedy's id (a UUID); anything else is 404.";
                        });
            default -> {}
        }
    }

    private Object example(String name) {
        var example = examples.get(name);
        if (example == null) {
            throw new IllegalStateException("examples.json has no " + name);
        }
        return example;
    }

    private static Header headerRef(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    private static Schema<?> ref(String schema) {
        return new JsonSchema().$ref("#/components/schemas/" + schema);
    }

    private static Schema<?> object() {
        return new JsonSchema().types(types("object"));
    }

    private static Schema<?> string() {
        return new JsonSchema().types(types("string"));
    }

    private static Schema<?> integer() {
        return new JsonSchema().types(types("integer"));
    }

    private static Set<String> types(String type) {
        return new LinkedHashSet<>(List.of(type));
    }
}
