package org.amends.cases.api;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.amends.cases.incidents.IncidentApiRecords;
import org.amends.cases.intake.OpenCaseRequest;
import org.amends.cases.lifecycle.CaseView;
import org.amends.cases.lifecycle.TimelineEntry;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.lifecycle.model.RootCause;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.cases.privacy.AuditLog;
import org.amends.cases.privacy.CustomerData;
import org.amends.cases.privacy.CustomerPrivacy;
import org.amends.cases.status.StatusPage;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds to the OpenAPI document springdoc generates from {@link CaseController} what the code cannot say: who may call
 * each operation and how they get a token, every error as an RFC 9457 problem with its {@code type} URI, the
 * {@code Idempotency-Key}, {@code If-Match}, {@code ETag}, {@code Retry-After} and {@code X-Correlation-Id} headers,
 * field rules and an example for every body. The gateway answers 413, 429, 503 and 504 on these paths, so they are
 * documented here too: a partner sees the paths only through the gateway.
 */
@Component
class CaseApiDocument implements OpenApiCustomizer {

    static final String TAG = "cases";
    static final String STATUS_TAG = "status";
    static final String INCIDENTS_TAG = "incidents";
    static final String GATEWAY = "http://localhost:8080";
    static final String TOKEN_URL = "http://localhost:8180/realms/amends/protocol/openid-connect/token";
    static final String PROBLEM_ROOT = "https://amends.org/problems/";
    static final String ROLES_EXTENSION = "x-amends-roles";
    static final String PARTNER_OAUTH = "partnerOAuth";
    static final String BEARER_JWT = "bearerJwt";

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String NDJSON = "application/x-ndjson";
    private static final String EXAMPLE_INCIDENT_PATH = "/api/incidents/7d1c2b3a-4e5f-4a6b-9c8d-0e1f2a3b4c5d";
    private static final String EXAMPLE_JOB_PATH = "/api/jobs/2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0";
    private static final String EXAMPLE_CASE_PATH = "/api/cases/0b7e3c52-9a1d-4f6e-8c2b-5d4a3f2e1c0b";
    static final String EXAMPLE_STATUS_TOKEN = "q0Jw1x2mNq8eGm6kz3V9r0uYbT5cLhFpA7sWdE4iK1o";
    private static final String STATUS_LINK = "https://amends.example.org/api/public/status/" + EXAMPLE_STATUS_TOKEN;
    static final String EXAMPLE_CURSOR = "MTc5NTYxMTYwMDAwMDAwMDowYjdlM2M1Mi05YTFkLTRmNmUtOGMyYi01ZDRhM2YyZTFjMGI";

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
                    "One or more fields (or query parameters, or the `Idempotency-Key`) break a rule; `errors` "
                            + "lists every one with its reason.",
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
                    "forbidden", 403, "The token's roles do not allow this operation.", "No: it needs another role."),
            new ProblemType(
                    "not-found",
                    404,
                    "No such case, incident or import job, or not one this caller may see (a partner sees only the cases "
                            + "it filed and the incidents that list it); on the status page, a wrong, expired or revoked "
                            + "token, or a remedy that is not the case's.",
                    "No."),
            new ProblemType(
                    "conflict",
                    409,
                    "Another change to the same case won the race.",
                    "Yes, after reading the case again and deciding whether the change still applies."),
            new ProblemType(
                    "illegal-transition",
                    409,
                    "The case's status does not allow this step (for example closing a case that is not resolved), "
                            + "or the incident is resolved and changes no more.",
                    "No: read the case and its status first."),
            new ProblemType(
                    "precondition-failed",
                    412,
                    "`If-Match` names a version that is no longer current.",
                    "Yes, after reading the case again (new `ETag`) and deciding whether the change still applies."),
            new ProblemType(
                    "payload-too-large",
                    413,
                    "The body is larger than the gateway accepts (1 MB by default).",
                    "No: send a smaller body."),
            new ProblemType(
                    "idempotency-key-reused",
                    422,
                    "This `Idempotency-Key` was already used by this caller with a different body.",
                    "No: a new case needs a new key; a retry must repeat the first body exactly."),
            new ProblemType(
                    "rate-limited",
                    429,
                    "This client sent more requests than its budget allows (answered by the gateway).",
                    "Yes, after the number of seconds in `Retry-After`."),
            new ProblemType(
                    "internal",
                    500,
                    "Something failed on our side; the `correlationId` finds it in our logs.",
                    "Reads, and `POST /api/cases` with the same `Idempotency-Key`: yes, with backoff. Other "
                            + "changes: read the case first, the change may have been applied."),
            new ProblemType(
                    "service-unavailable",
                    503,
                    "The service behind this path is down or its circuit breaker is open (answered by the gateway).",
                    "Yes, with backoff: the request did not reach the service."),
            new ProblemType(
                    "gateway-timeout",
                    504,
                    "The service did not answer in time (answered by the gateway); the change may have been applied.",
                    "Reads, and `POST /api/cases` with the same `Idempotency-Key`: yes. Other changes: read the "
                            + "case first."));

    /**
     * What the code cannot say about one operation: its roles, its own errors, whether it answers an ETag. No roles:
     * the customer's status page, where the token in the path is the credential and there is no login.
     */
    private record Documented(List<String> roles, List<String> errors, boolean etag) {

        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final List<String> NO_LOGIN = List.of();

    private static final List<String> PARTNER_AND_AGENT = List.of("partner", "agent");
    private static final List<String> READERS = List.of("partner", "agent", "analyst");
    private static final List<String> AGENT = List.of("agent");
    private static final List<String> ADMIN = List.of("admin");
    private static final List<String> SUPERVISOR = List.of("supervisor");
    private static final List<String> SUPERVISOR_AND_PARTNER = List.of("supervisor", "partner");
    private static final List<String> CHANGE_ERRORS = List.of("404", "409", "412");
    private static final List<String> CHANGE_WITH_BODY_ERRORS = List.of("400", "404", "409", "412", "413");

    /** The roles each operation allows: the same rules as the security configuration, which a test holds us to. */
    private static final Map<String, Documented> OPERATIONS = Map.ofEntries(
            Map.entry("fileCase", new Documented(PARTNER_AND_AGENT, List.of("400", "413", "422"), true)),
            Map.entry("getCase", new Documented(READERS, List.of("404"), true)),
            Map.entry("listCases", new Documented(READERS, List.of("400"), false)),
            Map.entry("getTimeline", new Documented(READERS, List.of("404"), false)),
            Map.entry("previewAcknowledgement", new Documented(List.of("agent", "analyst"), List.of("404"), false)),
            Map.entry("acknowledgeCase", new Documented(AGENT, CHANGE_WITH_BODY_ERRORS, true)),
            Map.entry("startInvestigation", new Documented(AGENT, CHANGE_ERRORS, true)),
            Map.entry("resolveCase", new Documented(AGENT, CHANGE_WITH_BODY_ERRORS, true)),
            Map.entry("closeCase", new Documented(AGENT, CHANGE_ERRORS, true)),
            Map.entry("reopenCase", new Documented(AGENT, CHANGE_WITH_BODY_ERRORS, true)),
            Map.entry("addNote", new Documented(PARTNER_AND_AGENT, List.of("400", "404", "412", "413"), false)),
            Map.entry("reissueStatusLink", new Documented(AGENT, List.of("404"), false)),
            Map.entry("revokeStatusLink", new Documented(AGENT, List.of("404"), false)),
            Map.entry("showStatus", new Documented(NO_LOGIN, List.of("404"), false)),
            Map.entry("acceptOffer", new Documented(NO_LOGIN, List.of("404", "409"), false)),
            Map.entry("declineOffer", new Documented(NO_LOGIN, List.of("404", "409"), false)),
            Map.entry("rateCase", new Documented(NO_LOGIN, List.of("400", "404", "409", "413"), false)),
            Map.entry("findCustomer", new Documented(ADMIN, List.of("400", "404"), false)),
            Map.entry("exportCustomerData", new Documented(ADMIN, List.of("404"), false)),
            Map.entry("eraseCustomerData", new Documented(ADMIN, List.of("404"), false)),
            Map.entry("declareIncident", new Documented(SUPERVISOR, List.of("400", "413"), true)),
            Map.entry("listIncidents", new Documented(READERS, List.of("400"), false)),
            Map.entry("getIncident", new Documented(READERS, List.of("404"), true)),
            Map.entry("changeIncident", new Documented(SUPERVISOR, CHANGE_WITH_BODY_ERRORS, true)),
            Map.entry("postIncidentUpdate", new Documented(SUPERVISOR, List.of("400", "404", "409", "413"), false)),
            Map.entry("listIncidentUpdates", new Documented(READERS, List.of("404"), false)),
            Map.entry(
                    "reportAffectedCustomers",
                    new Documented(SUPERVISOR_AND_PARTNER, List.of("400", "404", "409", "413"), false)),
            Map.entry("listImportJobs", new Documented(SUPERVISOR_AND_PARTNER, List.of("400", "404"), false)),
            Map.entry("getImportJob", new Documented(SUPERVISOR_AND_PARTNER, List.of("404"), false)),
            Map.entry("getCaseIncident", new Documented(READERS, List.of("404"), false)),
            Map.entry("linkCaseToIncident", new Documented(AGENT, List.of("400", "404", "409", "413"), false)),
            Map.entry("unlinkCaseFromIncident", new Documented(AGENT, List.of("404"), false)));

    /** The operations whose {@code id} path parameter is an incident's, not a case's. */
    private static final Set<String> INCIDENT_ID = Set.of(
            "getIncident",
            "changeIncident",
            "postIncidentUpdate",
            "listIncidentUpdates",
            "reportAffectedCustomers",
            "listImportJobs");

    /** Errors every operation can answer: from the token check, the rate limit, the service and the gateway. */
    private static final List<String> COMMON_ERRORS = List.of("401", "403", "429", "500", "503", "504");

    /** Errors every operation without a login can answer: the rate limit (per address), the service, the gateway. */
    private static final List<String> PUBLIC_ERRORS = List.of("429", "500", "503", "504");

    /** The reusable error responses, by status: the component name and the problem types it carries. */
    private static final Map<String, String> ERROR_RESPONSES = Map.ofEntries(
            Map.entry("400", "BadRequest"),
            Map.entry("401", "Unauthorized"),
            Map.entry("403", "Forbidden"),
            Map.entry("404", "NotFound"),
            Map.entry("409", "Conflict"),
            Map.entry("412", "PreconditionFailed"),
            Map.entry("413", "PayloadTooLarge"),
            Map.entry("422", "IdempotencyKeyReused"),
            Map.entry("429", "RateLimited"),
            Map.entry("500", "InternalError"),
            Map.entry("503", "ServiceUnavailable"),
            Map.entry("504", "GatewayTimeout"));

    /** The response records whose JSpecify nullness decides which properties are required and which may be null. */
    private static final Map<String, Class<? extends Record>> RESPONSE_RECORDS = Map.ofEntries(
            Map.entry("CaseView", CaseView.class),
            Map.entry("SubmittedBy", CaseView.SubmittedBy.class),
            Map.entry("TriageView", CaseView.TriageView.class),
            Map.entry("Customer", Customer.class),
            Map.entry("RootCause", RootCause.class),
            Map.entry("TimelineEntry", TimelineEntry.class),
            Map.entry("CasePage", CaseController.Page.class),
            Map.entry("CaseTimeline", CaseController.Timeline.class),
            Map.entry("Acknowledgement", CaseController.Acknowledgement.class),
            Map.entry("AcknowledgementPreview", CaseController.Preview.class),
            Map.entry("StatusPage", StatusPage.View.class),
            Map.entry("StatusEntry", StatusPage.Entry.class),
            Map.entry("OfferedRemedy", StatusPage.OfferedRemedy.class),
            Map.entry("Feedback", StatusPage.Feedback.class),
            Map.entry("CustomerFound", CustomerPrivacy.Found.class),
            Map.entry("CustomerExport", CustomerPrivacy.Export.class),
            Map.entry("CustomerErasure", CustomerPrivacy.Erasure.class),
            Map.entry("CustomerCase", CustomerData.CaseRecord.class),
            Map.entry("CustomerTimelineEntry", CustomerData.TimelineRecord.class),
            Map.entry("CustomerFeedback", CustomerData.FeedbackRecord.class),
            Map.entry("AuditEntry", AuditLog.Entry.class));

    private final Map<String, Object> examples;

    CaseApiDocument() {
        try (InputStream in = CaseApiDocument.class.getResourceAsStream("examples.json")) {
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
                        .url(GATEWAY)
                        .description("The gateway of a local run; every path is as the gateway exposes it.")))
                .tags(List.of(
                        new Tag()
                                .name(TAG)
                                .description(
                                        "Cases: intake with triage and idempotency, reading, the lifecycle and its "
                                                + "timeline, the customer's status link."),
                        new Tag()
                                .name(STATUS_TAG)
                                .description("The customer's status page, without a login: the token in the status "
                                        + "link opens one case."),
                        new Tag()
                                .name(INCIDENTS_TAG)
                                .description("Incidents: one known mistake of ours that hits many customers, with a "
                                        + "bilingual statement; updates every linked customer sees, automatic and "
                                        + "manual linking of cases, resolution that resolves the linked cases, and "
                                        + "streamed imports of the affected customers (proactive cases)."),
                        new Tag()
                                .name("privacy")
                                .description("One customer's personal data: export and erasure, by an admin, "
                                        + "audited.")));
        var components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.securitySchemes(securitySchemes());
        components.parameters(Map.of("CorrelationId", correlationIdParameter()));
        components.headers(headers());
        components.addSchemas("Problem", problemSchema());
        components.addSchemas("FieldError", fieldErrorSchema());
        components.responses(errorResponses());
        describeSchemas(components.getSchemas());
        describeIncidentSchemas(components.getSchemas());
        api.getPaths().values().forEach(path -> path.readOperations().forEach(this::document));
    }

    private static Info info() {
        var problems = PROBLEMS.stream()
                .map(p -> "| `" + p.slug() + "` | " + p.status() + " | " + p.meaning() + " | " + p.retry() + " |")
                .collect(Collectors.joining("\n"));
        return new Info().title("Amends case API").version("1.0.0").description("""
                        Cases: a customer we wronged, the mistake, its triage, SLA clocks and timeline. Partners file \
                        cases and read the ones they filed; agents run the lifecycle; analysts read.

                        **Authentication.** Every operation needs a bearer token of the Keycloak realm `amends` with \
                        audience `amends-api`. Partner systems use the OAuth2 client-credentials grant \
                        (`partnerOAuth`); people sign in through the portal or use `bearerJwt`. Each operation names \
                        the realm roles that may call it (also in `%s`); `supervisor` and `admin` include `agent`.

                        **The customer's status page** (`/api/public/status/{token}`, tag `status`) needs no \
                        login: the token in the status link that the acknowledgement sends opens that one case, \
                        without internal notes. Its operations say `security: []` and name no roles; the gateway \
                        limits them per address.

                        **Errors** are RFC 9457 problems (`application/problem+json`) with a `type` of \
                        `https://amends.org/problems/<slug>`, the request path as `instance` and a `correlationId`. \
                        Never a stack trace.

                        | slug | status | meaning | safe to retry? |
                        | --- | --- | --- | --- |
                        %s

                        **Incidents** (tag `incidents`): one mistake of ours that hits many customers. Supervisors \
                        (and admins) declare and run them; the affected customers are streamed in as NDJSON \
                        (`application/x-ndjson`, answered 202 with `Location: /api/jobs/{jobId}`), each getting a \
                        proactive case acknowledged with the incident's statement. A partner sees only the incidents \
                        whose `partners` list its client id.

                        **Idempotency.** `POST /api/cases` takes an `Idempotency-Key`: the same key and body return \
                        the first answer (kept 7 days), the same key with another body is 422.

                        **Concurrency.** Every case answer carries `ETag: "<version>"`; send it back as `If-Match` \
                        on a change and a stale version is refused with 412 instead of overwriting someone else's \
                        change.

                        **Pagination.** Lists are cursor-paginated: pass the answer's `next` as `cursor` until it is \
                        null.

                        **Rate limits.** The gateway gives every client a token bucket (200 requests a second, bursts \
                        of 400, by default); past it the answer is 429 with `Retry-After` in seconds.

                        **Correlation.** Send `X-Correlation-Id` to follow a request through our logs; it is echoed \
                        (or created) on every answer and put in every problem.""".formatted(
                        ROLES_EXTENSION, problems));
    }

    private static Map<String, SecurityScheme> securitySchemes() {
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
                                        new OAuthFlow().tokenUrl(TOKEN_URL).scopes(new Scopes()))));
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
                .name("X-Correlation-Id")
                .required(false)
                .description("Follows the request through every service's logs; created when absent. 1 to 100 of "
                        + "`A-Z a-z 0-9 . _ : -`; anything else is replaced.")
                .schema(string().maxLength(100).pattern("^[A-Za-z0-9._:-]{1,100}$"))
                .example("3f6e2c1a-7b4d-4e8f-9a0b-1c2d3e4f5a6b");
    }

    private static Map<String, Header> headers() {
        var headers = new LinkedHashMap<String, Header>();
        headers.put(
                "ETag",
                new Header()
                        .description("The case's (or incident's) version, quoted; send it back as `If-Match` on a "
                                + "change.")
                        .schema(string())
                        .example("\"1\""));
        headers.put(
                "Location",
                new Header()
                        .description("The path of the filed case.")
                        .schema(string().format("uri-reference"))
                        .example(EXAMPLE_CASE_PATH));
        headers.put(
                "IncidentLocation",
                new Header()
                        .description("The path of the declared incident.")
                        .schema(string().format("uri-reference"))
                        .example(EXAMPLE_INCIDENT_PATH));
        headers.put(
                "JobLocation",
                new Header()
                        .description("The path of the import job: follow it with `GET` until `COMPLETED` or `FAILED`.")
                        .schema(string().format("uri-reference"))
                        .example(EXAMPLE_JOB_PATH));
        headers.put(
                "CasesResolved",
                new Header()
                        .description("How many linked cases this change resolved (0 unless it resolved the incident).")
                        .schema(integer().minimum(java.math.BigDecimal.ZERO))
                        .example(2));
        headers.put(
                "RetryAfter",
                new Header()
                        .description("Seconds to wait before the next request.")
                        .schema(integer().minimum(java.math.BigDecimal.ONE))
                        .example(1));
        headers.put(
                "CorrelationId",
                new Header()
                        .description("The request's correlation id: the caller's `X-Correlation-Id`, or a new one.")
                        .schema(string())
                        .example("3f6e2c1a-7b4d-4e8f-9a0b-1c2d3e4f5a6b"));
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
        schema.addProperty(
                "field", string().description("The field's JSON path (`customer.email`), query parameter or header."));
        schema.addProperty("message", string().description("The rule it breaks."));
        schema.required(List.of("field", "message"));
        return schema;
    }

    private Map<String, ApiResponse> errorResponses() {
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
                    .addHeaderObject("X-Correlation-Id", headerRef("CorrelationId"));
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
                    case "illegal-transition" -> "Case AMD-000042 is RECEIVED; it cannot be closed.";
                    case "conflict" -> "Case AMD-000042 was changed by someone else; read it again.";
                    case "precondition-failed" -> "If-Match names version 1 but the case is at version 2.";
                    default -> type.meaning().replace("`", "");
                });
        example.put("instance", type.slug().equals("validation") ? "/api/cases" : EXAMPLE_CASE_PATH);
        example.put("correlationId", "3f6e2c1a-7b4d-4e8f-9a0b-1c2d3e4f5a6b");
        if (type.slug().equals("validation")) {
            example.put(
                    "errors",
                    List.of(
                            Map.of("field", "customer.email", "message", "must be an email address"),
                            Map.of("field", "impact", "message", "must not be blank")));
        }
        return example;
    }

    private void document(Operation operation) {
        var id = operation.getOperationId();
        var documented = OPERATIONS.get(id);
        if (documented == null) {
            throw new IllegalStateException("operation " + id + " has no roles and errors documented");
        }
        operation.addExtension(ROLES_EXTENSION, documented.roles());
        var security = new ArrayList<SecurityRequirement>();
        if (documented.isPublic()) {
            operation.description(operation.getDescription() + "\n\nRoles: none, no login: the token in the "
                    + "customer's status link is the credential.");
        } else {
            operation.description(operation.getDescription() + "\n\nRoles: " + String.join(", ", documented.roles())
                    + (documented.roles().contains("agent") ? " (`supervisor` and `admin` include `agent`)" : "")
                    + (documented.roles().contains("supervisor") ? " (`admin` includes `supervisor`)" : "")
                    + ".");
            if (documented.roles().contains("partner")) {
                security.add(new SecurityRequirement().addList(PARTNER_OAUTH));
            }
            security.add(new SecurityRequirement().addList(BEARER_JWT));
        }
        operation.security(security);

        var parameters = operation.getParameters() == null
                ? new ArrayList<Parameter>()
                : new ArrayList<>(operation.getParameters());
        parameters.forEach(parameter -> describeParameter(parameter, INCIDENT_ID.contains(id)));
        parameters.add(new Parameter().$ref("#/components/parameters/CorrelationId"));
        operation.parameters(parameters);

        if (operation.getRequestBody() != null) {
            // An NDJSON body carries its example in its annotation; every JSON media type gets the same examples.
            operation.getRequestBody().getContent().forEach((type, media) -> {
                if (!type.equals(NDJSON)) {
                    requestExamples(id).forEach((name, value) -> media.addExamples(name, new Example().value(value)));
                }
            });
        }
        operation.getResponses().forEach((status, response) -> {
            response.addHeaderObject("X-Correlation-Id", headerRef("CorrelationId"));
            if (documented.etag()) {
                response.addHeaderObject("ETag", headerRef("ETag"));
            }
            if (id.equals("fileCase")) {
                response.addHeaderObject("Location", headerRef("Location"));
            }
            if (id.equals("declareIncident")) {
                response.addHeaderObject("Location", headerRef("IncidentLocation"));
            }
            if (id.equals("reportAffectedCustomers")) {
                response.addHeaderObject("Location", headerRef("JobLocation"));
            }
            if (id.equals("changeIncident")) {
                response.addHeaderObject("Amends-Cases-Resolved", headerRef("CasesResolved"));
            }
            if (response.getContent() != null) {
                var media = response.getContent().get(JSON);
                media.addExamples(id, new Example().value(responseExample(id)));
            }
        });
        var errors = new ArrayList<>(documented.errors());
        errors.addAll(documented.isPublic() ? PUBLIC_ERRORS : COMMON_ERRORS);
        for (var status : errors) {
            operation
                    .getResponses()
                    .addApiResponse(
                            status, new ApiResponse().$ref("#/components/responses/" + ERROR_RESPONSES.get(status)));
        }
    }

    private static void describeParameter(Parameter parameter, boolean incidentId) {
        switch (parameter.getName()) {
            case "Idempotency-Key" ->
                parameter
                        .description("Any 1 to 200 printable ASCII characters, unique per case you file (a UUID is "
                                + "best). A retry with the same key and body returns the first answer, for 7 days; "
                                + "the same key with another body is 422.")
                        .schema(string().minLength(1).maxLength(200).pattern("^[\\x20-\\x7E]{1,200}$"))
                        .example("8d6f5c0e-2b1a-4c3d-9e8f-7a6b5c4d3e2f");
            case "If-Match" ->
                parameter
                        .description("The `ETag` of the case as last read. A stale version is refused with 412 "
                                + "`precondition-failed`; without it, a change that loses a race with another is 409 "
                                + "`conflict`.")
                        .schema(string())
                        .example("\"1\"");
            case "id" ->
                parameter.description(
                        incidentId
                                ? "The incident's id (a UUID); anything else is 404."
                                : "The case's id (a UUID); anything else is 404.");
            case "jobId" ->
                parameter.description(
                        "The import job's id, from the `Location` of the upload (a UUID); anything " + "else is 404.");
            case "token" ->
                parameter
                        .description("The token of the customer's status link: it opens one case. A wrong, expired "
                                + "or revoked token is 404.")
                        .example(EXAMPLE_STATUS_TOKEN);
            case "remedyId" -> parameter.description("A remedy on offer, as the status page lists it (a UUID).");
            default -> {}
        }
    }

    private Map<String, Object> requestExamples(String operationId) {
        return switch (operationId) {
            case "fileCase" ->
                ordered(
                        "byPartner",
                        example("fileCaseByPartner"),
                        "byAgentForASocialMention",
                        example("fileCaseByAgent"));
            case "acknowledgeCase" -> ordered("editedMessage", example("acknowledgeRequest"));
            case "resolveCase" -> ordered("resolution", example("resolveRequest"));
            case "reopenCase" -> ordered("reopening", example("reopenRequest"));
            case "addNote" -> ordered("customerNote", example("noteRequest"));
            case "rateCase" -> ordered("rating", example("ratingRequest"));
            case "declareIncident" -> ordered("doubleCharge", example("declareIncidentRequest"));
            case "changeIncident" ->
                ordered("mitigate", ordered("status", "MITIGATED"), "resolve", example("resolveIncidentRequest"));
            case "postIncidentUpdate" -> ordered("refundsUnderway", example("incidentUpdateRequest"));
            case "linkCaseToIncident" -> ordered("link", ordered("incidentId", example("incident", "id")));
            default -> throw new IllegalStateException("no request example for " + operationId);
        };
    }

    private Object responseExample(String operationId) {
        return switch (operationId) {
            case "fileCase", "getCase" -> example("case");
            case "listCases" -> ordered("items", List.of(example("case")), "next", EXAMPLE_CURSOR);
            case "getTimeline" -> example("timeline");
            case "previewAcknowledgement" -> example("preview");
            case "acknowledgeCase" ->
                ordered(
                        "message",
                        ((Map<?, ?>) example("acknowledgeRequest")).get("message"),
                        "case",
                        caseAfter("ACKNOWLEDGED", 2, "acknowledgedAt", "2026-11-25T13:10:00Z"),
                        "statusLink",
                        STATUS_LINK);
            case "startInvestigation" -> caseAfter("INVESTIGATING", 3, "acknowledgedAt", "2026-11-25T13:10:00Z");
            case "resolveCase" -> resolved();
            case "closeCase" -> {
                var closed = resolved();
                closed.putAll(ordered("status", "CLOSED", "version", 5, "closedAt", "2026-11-25T17:00:00Z"));
                yield closed;
            }
            case "reopenCase" ->
                caseAfter(
                        "REOPENED",
                        6,
                        "acknowledgedAt",
                        "2026-11-25T13:10:00Z",
                        "rootCause",
                        ((Map<?, ?>) resolved()).get("rootCause"));
            case "addNote" -> example("note");
            case "reissueStatusLink" -> ordered("statusLink", STATUS_LINK);
            case "showStatus" -> example("statusPage");
            case "acceptOffer" -> offered("ACCEPTED");
            case "declineOffer" -> offered("DECLINED");
            case "rateCase" -> example("feedback");
            case "findCustomer" -> ordered("customerId", ((Map<?, ?>) example("customerExport")).get("customerId"));
            case "exportCustomerData" -> example("customerExport");
            case "eraseCustomerData" -> example("customerErasure");
            case "declareIncident" -> incidentAfter(1, "linkedCases", example("noLinkedCases"));
            case "getIncident" -> example("incident");
            case "listIncidents" -> {
                var listed = incidentAfter(3, "linkedCases", null);
                yield ordered("items", List.of(listed), "next", null);
            }
            case "changeIncident" -> {
                var request = (Map<?, ?>) example("resolveIncidentRequest");
                yield incidentAfter(
                        4,
                        "status",
                        "RESOLVED",
                        "rootCause",
                        request.get("rootCause"),
                        "resolvedAt",
                        "2026-11-26T18:00:00Z",
                        "updatedAt",
                        "2026-11-26T18:00:00Z");
            }
            case "postIncidentUpdate" -> example("incidentUpdate");
            case "listIncidentUpdates" -> ordered("items", List.of(example("incidentUpdate")));
            case "reportAffectedCustomers" -> example("importJobQueued");
            case "listImportJobs" -> ordered("items", List.of(jobSummary()));
            case "getImportJob" -> example("importJob");
            case "getCaseIncident", "linkCaseToIncident" -> example("caseIncidentLink");
            default -> throw new IllegalStateException("no response example for " + operationId);
        };
    }

    /** The example import job as an incident's list of imports shows it: without its lines, with its uploader. */
    private Map<String, Object> jobSummary() {
        var summary = new LinkedHashMap<String, Object>();
        ((Map<?, ?>) example("importJob")).forEach((key, value) -> {
            if (key.equals("createdAt")) {
                summary.put("submittedBy", "supervisor1");
            }
            if (!key.equals("rejectedLines")) {
                summary.put((String) key, value);
            }
        });
        return summary;
    }

    /** The example status page's remedy on offer, as the customer answered it. */
    private Map<String, Object> offered(String state) {
        @SuppressWarnings("unchecked")
        var remedies = (List<Map<String, Object>>) ((Map<?, ?>) example("statusPage")).get("remedies");
        var remedy = new LinkedHashMap<>(remedies.getFirst());
        remedy.put("state", state);
        return remedy;
    }

    private Map<String, Object> resolved() {
        var request = (Map<?, ?>) example("resolveRequest");
        return caseAfter(
                "RESOLVED",
                4,
                "acknowledgedAt",
                "2026-11-25T13:10:00Z",
                "resolvedAt",
                "2026-11-25T16:00:00Z",
                "rootCause",
                ordered("code", request.get("rootCauseCode"), "summary", request.get("summary")));
    }

    /** The example case after a transition: a new status and version, and the given fields changed. */
    private Map<String, Object> caseAfter(String status, long version, Object... changes) {
        @SuppressWarnings("unchecked")
        var aCase = new LinkedHashMap<>((Map<String, Object>) example("case"));
        aCase.put("status", status);
        aCase.put("version", version);
        aCase.put("updatedAt", "2026-11-25T17:00:00Z");
        aCase.putAll(ordered(changes));
        return aCase;
    }

    /** The example incident at another version, with the given fields changed. */
    private Map<String, Object> incidentAfter(long version, @Nullable Object... changes) {
        @SuppressWarnings("unchecked")
        var incident = new LinkedHashMap<>((Map<String, Object>) example("incident"));
        incident.put("version", version);
        for (int i = 0; i < changes.length; i += 2) {
            incident.put((String) changes[i], changes[i + 1]);
        }
        return incident;
    }

    private Object example(String name, String field) {
        return ((Map<?, ?>) example(name)).get(field);
    }

    private Object example(String name) {
        var example = examples.get(name);
        if (example == null) {
            throw new IllegalStateException("examples.json has no " + name);
        }
        return example;
    }

    /** Field rules and meanings the types cannot carry: required fields, lengths, allowed values, nullness. */
    private static void describeSchemas(Map<String, Schema> schemas) {
        RESPONSE_RECORDS.forEach((name, type) -> requireNonNullComponents(schemas.get(name), type));

        var open =
                schemas.get("OpenCaseRequest").description("A complaint about a mistake of ours, to file as a case.");
        open.required(List.of("customer", "product", "errorKind", "summary", "description", "impact"));
        property(open, "channel")
                .description("How the complaint reached you. Partners may leave it out (`PARTNER`); agents must "
                        + "give it. Case-insensitive.")
                .setEnum(names(Channel.class));
        property(open, "product").maxLength(OpenCaseRequest.PRODUCT_MAX).description("What the mistake was about.");
        property(open, "errorKind")
                .description("What kind of mistake we made. Case-insensitive.")
                .setEnum(names(ErrorKind.class));
        property(open, "summary")
                .maxLength(OpenCaseRequest.SUMMARY_MAX)
                .description("One line, in the customer's words.");
        property(open, "description")
                .maxLength(OpenCaseRequest.DESCRIPTION_MAX)
                .description("What happened, as the customer told it; its sentiment feeds triage.");
        property(open, "impact")
                .description("How badly it hurt the customer; triage starts from it. Case-insensitive.")
                .setEnum(names(Impact.class));
        property(open, "orderReference")
                .maxLength(OpenCaseRequest.ORDER_REFERENCE_MAX)
                .description("Your reference for the order, invoice or account concerned.");

        var customer = schemas.get("CustomerRequest")
                .description("The wronged customer. An email or a phone is required; personal data is never logged "
                        + "nor put in events.");
        customer.required(List.of("name"));
        property(customer, "name").maxLength(OpenCaseRequest.NAME_MAX);
        property(customer, "email").maxLength(OpenCaseRequest.EMAIL_MAX).format("email");
        property(customer, "phone").maxLength(OpenCaseRequest.PHONE_MAX).pattern("^\\+?[0-9][0-9 ()./-]{4,38}$");
        property(customer, "locale")
                .description("The language we answer in (`en` or `es`, default `en`).")
                .setEnum(List.of("en", "es"));
        property(customer, "socialHandle").maxLength(OpenCaseRequest.SOCIAL_HANDLE_MAX);
        property(customer, "audienceSize")
                .minimum(java.math.BigDecimal.ZERO)
                .description("Followers of the social handle, when known; a large audience raises severity.");

        property(schemas.get("AcknowledgeRequest"), "message")
                .maxLength(CaseRequests.MESSAGE_MAX)
                .description("The mea-culpa to send instead of the template.");
        var resolve = schemas.get("ResolveRequest");
        resolve.required(List.of("rootCauseCode", "summary"));
        property(resolve, "rootCauseCode")
                .maxLength(CaseRequests.ROOT_CAUSE_CODE_MAX)
                .description("Shared by every case with the same root cause, e.g. `BILLING-RUN-DOUBLE-CHARGE`.");
        property(resolve, "summary").maxLength(CaseRequests.TEXT_MAX).description("What went wrong and what we did.");
        var reopen = schemas.get("ReopenRequest");
        reopen.required(List.of("reason"));
        property(reopen, "reason").maxLength(CaseRequests.TEXT_MAX);
        var note = schemas.get("NoteRequest");
        note.required(List.of("text", "visibility"));
        property(note, "text").maxLength(CaseRequests.NOTE_MAX);
        property(note, "visibility")
                .description("`CUSTOMER`: the customer (and the filing partner) see it; `INTERNAL`: staff only. "
                        + "Partners may add only `CUSTOMER` notes.")
                .setEnum(names(Visibility.class));

        var view = schemas.get("CaseView").description("A case as the API shows it.");
        property(view, "reference").description("The human-friendly case number, `AMD-` and six digits or more.");
        property(view, "status").description("Where the case stands.").setEnum(names(CaseStatus.class));
        property(view, "channel").setEnum(names(Channel.class));
        property(view, "errorKind").setEnum(names(ErrorKind.class));
        property(view, "impact").setEnum(names(Impact.class));
        property(view, "severity")
                .description("How urgently we act, computed by triage; it sets the SLA clocks.")
                .setEnum(names(Severity.class));
        property(view, "customerId")
                .description("A pseudonym of the customer, the same for every case of the same contact; events "
                        + "carry only this.");
        property(view, "acknowledgeDueAt").description("When the acknowledgement SLA runs out.");
        property(view, "resolveDueAt").description("When the resolution SLA runs out.");
        property(view, "acknowledgeBreachedAt").description("When the acknowledgement SLA was breached, if it was.");
        property(view, "resolveBreachedAt").description("When the resolution SLA was breached, if it was.");
        property(view, "escalated")
                .description("A remedy of the case failed: a supervisor must step in. Set once, by remedy events.");
        property(view, "escalatedAt").description("When the case was escalated, if it was.");
        property(view, "version")
                .description("Bumped by every change, an SLA breach included; the `ETag` is this number quoted.");
        property(schemas.get("SubmittedBy"), "kind").setEnum(names(SubmitterKind.class));
        schemas.get("SubmittedBy").description("Who filed the case: a partner's client id or an agent's user name.");
        schemas.get("TriageView").description("Why triage judged the severity as it did.");
        property(schemas.get("TriageView"), "sentiment").description("From -1 (very negative) to 1 (very positive).");
        property(schemas.get("Customer"), "locale").setEnum(List.of("en", "es"));
        schemas.get("Customer").description("The wronged customer's contact facts.");
        schemas.get("RootCause").description("Why the mistake happened, set at resolution.");
        var entry = schemas.get("TimelineEntry").description("One line of a case's history.");
        property(entry, "kind")
                .description("What happened: `OPENED`, `ACKNOWLEDGED`, `INVESTIGATING`, `RESOLVED`, `CLOSED`, "
                        + "`REOPENED`, `NOTE`, `SLA_BREACHED`, `REMEDY_PROPOSED`, `REMEDY_APPROVED`, `REMEDY_REJECTED`, "
                        + "`REMEDY_OFFERED`, `REMEDY_ACCEPTED`, `REMEDY_DECLINED`, `REMEDY_FULFILLING`, "
                        + "`REMEDY_FULFILLED`, `REMEDY_FAILED`, `ESCALATED`; new kinds may be added.");
        property(entry, "actor")
                .description("Who did it: a partner's client id, a user name, `sla-clock`, `customer`, or for a "
                        + "remedy step who took it in remedy-service (e.g. `remedy-policy`, a fulfiller).");
    }

    /** Field rules and meanings of the incident schemas. */
    private static void describeIncidentSchemas(Map<String, Schema> schemas) {
        IncidentApiRecords.RESPONSE_RECORDS.forEach((name, type) -> requireNonNullComponents(schemas.get(name), type));

        var declare = schemas.get("DeclareIncidentRequest");
        declare.required(List.of("title", "product", "errorKind", "statement"));
        property(declare, "title").maxLength(200);
        property(declare, "product")
                .maxLength(100)
                .description("Cases filed later with this product (any letter case) and error kind are linked.");
        property(declare, "errorKind")
                .description("What kind of mistake we made. Case-insensitive.")
                .setEnum(names(ErrorKind.class));
        property(declare, "partners")
                .description("The partner client ids allowed to read the incident and report affected customers "
                        + "(at most 50).");
        var change = schemas.get("ChangeIncidentRequest");
        property(change, "status")
                .description("`OPEN` ⇄ `MITIGATED`, or `RESOLVED` (final) with `rootCause`.")
                .setEnum(List.of("OPEN", "MITIGATED", "RESOLVED"));
        var text = schemas.get("BilingualText");
        text.required(List.of("en", "es"));
        property(text, "en").maxLength(5000);
        property(text, "es").maxLength(5000);
        var cause = schemas.get("RootCauseRequest");
        cause.required(List.of("code", "summary"));
        property(cause, "code").maxLength(64);
        property(cause, "summary").maxLength(2000);

        var view = schemas.get("IncidentView").description("An incident as the API shows it.");
        property(view, "reference").description("The human-friendly incident number, `INC-` and six digits or more.");
        property(view, "status").setEnum(List.of("OPEN", "MITIGATED", "RESOLVED"));
        property(view, "errorKind").setEnum(names(ErrorKind.class));
        property(view, "partners")
                .description("The partner client ids the incident lists; a partner sees only itself here.");
        property(view, "linkedCases")
                .description("Only when one incident is read (null in lists): its linked cases, counted.");
        property(view, "version").description("Bumped by every change; the `ETag` is this number quoted.");
        var linked =
                schemas.get("LinkedCases").description("The linked cases, counted (a partner counts only its own).");
        property(linked, "byStatus").description("Linked cases by case status; every status is present.");
        property(linked, "remediesByState")
                .description("The linked cases' remedies by their latest state (`PROPOSED`, `APPROVED`, `REJECTED`, "
                        + "`OFFERED`, `ACCEPTED`, `DECLINED`, `FULFILLING`, `FULFILLED`, `FAILED`); only the states "
                        + "some remedy is in.");
        for (var name : List.of("ImportJob", "ImportJobSummary")) {
            var job = schemas.get(name);
            property(job, "state").setEnum(List.of("QUEUED", "RUNNING", "COMPLETED", "FAILED"));
            property(job, "total").description("Lines received.");
            property(job, "processed").description("Lines processed so far: created + duplicates + rejected.");
            property(job, "duplicates").description("Lines whose `customerRef` this incident already had.");
            property(job, "failure").description("Why the job failed, when it did.");
        }
        property(schemas.get("ImportJob"), "rejectedLines")
                .description("The first 1000 rejected lines (all are counted in `rejected`).");
    }

    /**
     * Every record component is a required property; a JSpecify {@code @Nullable} one may be {@code null} (the API
     * writes nulls rather than leaving properties out).
     */
    @SuppressWarnings("rawtypes")
    private static void requireNonNullComponents(Schema schema, Class<? extends Record> type) {
        var required = new ArrayList<String>();
        for (var component : type.getRecordComponents()) {
            var renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            var name = renamed != null ? renamed.value() : component.getName();
            required.add(name);
            if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                var property = property(schema, name);
                if (property.get$ref() != null) {
                    var nullable =
                            new JsonSchema().oneOf(List.of(new JsonSchema().$ref(property.get$ref()), nullType()));
                    schema.getProperties().put(name, nullable);
                } else {
                    var types = new LinkedHashSet<String>(
                            property.getTypes() != null ? property.getTypes() : Set.of(property.getType()));
                    types.add("null");
                    property.setTypes(types);
                }
            }
        }
        schema.required(required);
    }

    @SuppressWarnings("rawtypes")
    private static Schema property(Schema schema, String name) {
        var property = (Schema) schema.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException(schema.getName() + " has no property " + name);
        }
        return property;
    }

    private static List<Object> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> (Object) e.name())
                .toList();
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

    private static Schema<?> nullType() {
        return new JsonSchema().types(types("null"));
    }

    private static Set<String> types(String type) {
        return new LinkedHashSet<>(List.of(type));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
