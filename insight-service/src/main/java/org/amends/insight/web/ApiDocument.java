package org.amends.insight.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the code cannot say about insight-service's API: it is reached through the gateway with a bearer JWT, who may
 * call each operation (as {@code SecurityConfiguration} enforces), and every error as an RFC 9457 problem.
 */
@Component
class ApiDocument implements OpenApiCustomizer {

    private static final String PROBLEM_ROOT = "https://amends.org/problems/";
    private static final List<String> READERS = List.of("analyst", "supervisor", "admin");
    private static final List<String> WRITERS = List.of("analyst", "admin");

    /** Per operation id: who may call it and the problem statuses it can answer besides 401 and 403. */
    private record Documented(List<String> roles, List<Integer> problems) {}

    private static final Map<String, Documented> OPERATIONS = Map.of(
            "rankProblems", new Documented(READERS, List.of(400)),
            "getProblem", new Documented(READERS, List.of(404)),
            "planCorrectiveAction", new Documented(WRITERS, List.of(400, 404)),
            "getCorrectiveAction", new Documented(READERS, List.of(404)),
            "changeCorrectiveAction", new Documented(WRITERS, List.of(400, 404, 409)),
            "listAlerts", new Documented(READERS, List.of(400)),
            "acknowledgeAlert", new Documented(READERS, List.of(404)),
            "figures", new Documented(READERS, List.of(400)),
            "rebuildReadModels", new Documented(List.of("admin"), List.of()));

    private static final Map<Integer, String[]> PROBLEMS = Map.of(
            400, new String[] {"validation", "A field or query parameter breaks a rule; `errors` lists each one."},
            401, new String[] {"unauthorized", "No token, or an expired, forged or wrong-audience one."},
            403, new String[] {"forbidden", "The token's roles do not allow this operation."},
            404, new String[] {"not-found", "No such problem, corrective action or alert."},
            409, new String[] {"illegal-transition", "The action's status does not allow this change."});

    private final String gateway;

    ApiDocument(@Value("${amends.api.public-url:http://localhost:8080}") String gateway) {
        this.gateway = gateway;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info()
                        .title("Amends insight API")
                        .version("1")
                        .description("What Amends learns from its mistakes: problems ranked by impact, corrective "
                                + "actions and their effectiveness, recurrence, spike and reputation-risk alerts, and "
                                + "the service figures. For analysts, supervisors and admins. Errors are RFC 9457 "
                                + "problems (`https://amends.org/problems/<slug>`)."))
                .servers(List.of(new Server().url(gateway).description("The Amends gateway")))
                .components((api.getComponents() == null ? new Components() : api.getComponents())
                        .addSecuritySchemes(
                                "bearerJwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of the Keycloak realm `amends` (audience "
                                                + "`amends-api`); roles come from `realm_access.roles`."))
                        .addSchemas("Problem", problemSchema()))
                .tags(List.of(
                        new Tag().name("problem-controller").description("Problems ranked by impact."),
                        new Tag().name("corrective-action-controller").description("Corrective actions (CAPA)."),
                        new Tag().name("alert-controller").description("Recurrence, spike and reputation alerts."),
                        new Tag().name("figures-controller").description("Service figures."),
                        new Tag().name("rebuild-controller").description("Administration of the read models.")))
                .security(List.of(new SecurityRequirement().addList("bearerJwt")));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    var documented = OPERATIONS.get(operation.getOperationId());
                    if (documented == null) {
                        throw new IllegalStateException(
                                "operation " + operation.getOperationId() + " has no roles documented");
                    }
                    operation
                            .description(operation.getDescription() + " Roles: " + String.join(", ", documented.roles())
                                    + ".")
                            .addExtension("x-amends-roles", documented.roles());
                    var statuses = new java.util.TreeSet<>(documented.problems());
                    statuses.add(401);
                    statuses.add(403);
                    statuses.forEach(
                            status -> operation.getResponses().addApiResponse(String.valueOf(status), problem(status)));
                }));
    }

    private static ApiResponse problem(int status) {
        var known = PROBLEMS.get(status);
        var example = new LinkedHashMap<String, Object>();
        example.put("type", PROBLEM_ROOT + known[0]);
        example.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", known[1].replace("`", ""));
        example.put("instance", "/api/insights/problems");
        return new ApiResponse()
                .description("`" + known[0] + "`: " + known[1])
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                                        .addExamples(known[0], new Example().value(example))));
    }

    private static Schema<?> problemSchema() {
        var schema = new Schema<>()
                .type("object")
                .description("An RFC 9457 problem: what went wrong, for people and for programs.");
        schema.addProperty(
                "type",
                new Schema<>().type("string").format("uri").description("`https://amends.org/problems/<slug>`"));
        schema.addProperty("title", new Schema<>().type("string").description("The HTTP status's reason phrase."));
        schema.addProperty("status", new Schema<>().type("integer").description("The HTTP status code."));
        schema.addProperty("detail", new Schema<>().type("string").description("What went wrong, for people."));
        schema.addProperty(
                "instance",
                new Schema<>().type("string").format("uri-reference").description("The request's path."));
        schema.addProperty(
                "correlationId", new Schema<>().type("string").description("The request's `X-Correlation-Id`."));
        schema.addProperty(
                "errors",
                new Schema<>()
                        .type("array")
                        .description("Only in `validation` problems: every broken rule.")
                        .items(new Schema<>().type("object")));
        schema.required(List.of("type", "title", "status"));
        return schema;
    }
}
