package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code docs/api/case.yaml} equal to the OpenAPI document the running service generates, so every API change
 * shows in review, and holds the document to what the service really does: the roles it names are the roles the
 * service lets in, and real answers validate against the schemas it publishes. Run with
 * {@code -Damends.contracts.write=true} to rewrite the committed document after changing the API, and review the diff.
 */
class OpenApiDocumentIT extends CaseServiceIT {

    private static final Path DOCUMENT = Path.of("../docs/api/case.yaml");
    private static final Map<String, Persona> PERSONAS = Map.of(
            "partner", Persona.partner("acme-partner"),
            "agent", Persona.agent("agent1"),
            "analyst", Persona.analyst("analyst1"));

    @Nested
    class TheCommittedDocument {

        @Test
        void matchesTheDocumentTheServiceGenerates() throws IOException {
            var generated = api().send("GET", "/v3/api-docs.yaml", null, null);
            assertThat(generated.status()).isEqualTo(200);
            if (Boolean.getBoolean("amends.contracts.write")) {
                Files.writeString(DOCUMENT, generated.body());
            }

            assertThat(DOCUMENT).exists();
            assertThat(Files.readString(DOCUMENT))
                    .as("docs/api/case.yaml is stale: run ./mvnw -pl case-service -am verify "
                            + "-Dit.test=OpenApiDocumentIT -Damends.contracts.write=true")
                    .isEqualTo(generated.body());
        }

        @Test
        void isPublicAndPointsAtTheGatewayNotAtThisInstance() {
            var document = api().send("GET", "/v3/api-docs", null, null);

            assertThat(document.status()).isEqualTo(200);
            assertThat(document.json().path("openapi").asString()).startsWith("3.1");
            assertThat(document.json().at("/servers/0/url").asString()).isEqualTo("http://localhost:8080");
            assertThat(document.body()).doesNotContain("localhost:" + port);
        }
    }

    @Nested
    class TheDocumentedRoles {

        @Test
        void areExactlyTheRolesTheServiceLetsIn() {
            var paths = document().path("paths");
            var mismatches = new ArrayList<String>();
            for (var path : paths.propertyNames()) {
                for (var method : paths.path(path).propertyNames()) {
                    var operation = paths.path(path).path(method);
                    var documented = operation
                            .path("x-amends-roles")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList();
                    var concrete = path.replace("{id}", UUID.randomUUID().toString())
                            .replace("{remedyId}", UUID.randomUUID().toString())
                            .replace("{jobId}", UUID.randomUUID().toString())
                            .replace("{customerId}", UUID.randomUUID().toString())
                            .replace("{token}", "no-such-token");
                    var body = operation.has("requestBody") ? "{}" : null;
                    if (documented.isEmpty()) {
                        // No login: without a token the answer comes from the operation (404 for a token that
                        // opens nothing), never from security.
                        assertThat(operation.path("security").isArray()
                                        && operation.path("security").isEmpty())
                                .as(method + " " + path + " names no roles, so it must say security: []")
                                .isTrue();
                        var status = api().send(method.toUpperCase(), concrete, null, body)
                                .status();
                        if (status == 401 || status == 403) {
                            mismatches.add(method + " " + path + " without a token: " + status + ", documented public");
                        }
                        continue;
                    }
                    // A case nobody may see: an allowed role gets past security and then 400 or 404, never 403.
                    PERSONAS.forEach((role, persona) -> {
                        var status = api().send(method.toUpperCase(), concrete, api().token(persona), body)
                                .status();
                        if (documented.contains(role) == (status == 403)) {
                            mismatches.add(
                                    method + " " + path + " as " + role + ": " + status + ", documented " + documented);
                        }
                    });
                }
            }
            assertThat(mismatches).isEmpty();
        }
    }

    @Nested
    class RealAnswers {

        @Test
        void validateAgainstThePublishedSchemas() {
            var partner = Persona.partner("acme-partner");
            var agent = Persona.agent("agent1");
            var filed = api().post(
                            "/api/cases",
                            partner,
                            CaseMother.json(body -> body.remove("channel")),
                            "Idempotency-Key",
                            "oa-" + UUID.randomUUID());
            assertThat(filed.status()).isEqualTo(201);
            var id = filed.json().path("id").asString();
            var invalid = api().post("/api/cases", partner, "{\"customer\":{}}");

            assertValid("CaseView", filed.json());
            assertValid("CaseView", api().get("/api/cases/" + id, partner).json());
            assertValid("CasePage", api().get("/api/cases?limit=1", partner).json());
            assertValid(
                    "CaseTimeline",
                    api().get("/api/cases/" + id + "/timeline", partner).json());
            assertValid("Problem", invalid.json());
            assertThat(invalid.problemType()).isEqualTo("https://amends.org/problems/validation");
            assertValid(
                    "Problem",
                    api().get("/api/cases/" + UUID.randomUUID(), partner).json());
            var acknowledged = api().post("/api/cases/" + id + "/acknowledgement", agent, null);
            assertThat(acknowledged.status()).isEqualTo(200);
            assertValid("Acknowledgement", acknowledged.json());
            var resolved = api().post(
                            "/api/cases/" + id + "/resolution",
                            agent,
                            "{\"rootCauseCode\":\"BILLING-RUN-DOUBLE-CHARGE\",\"summary\":\"Refunded.\"}");
            assertThat(resolved.json().at("/rootCause/code").asString()).isEqualTo("BILLING-RUN-DOUBLE-CHARGE");
            assertValid("CaseView", resolved.json());
        }

        @Test
        void ofIncidentsValidateAgainstThePublishedSchemas() {
            var supervisor = Persona.supervisor("supervisor1");
            var partner = Persona.partner("acme-partner");
            var declared = api().post("/api/incidents", supervisor, """
                            {"title":"Double charge","product":"oa-%s","errorKind":"CALCULATION",
                             "statement":{"en":"We charged you twice.","es":"Le cobramos dos veces."},
                             "partners":["acme-partner"]}""".formatted(UUID.randomUUID()));
            assertThat(declared.status()).isEqualTo(201);
            var id = declared.json().path("id").asString();
            var uploaded = api().post("/api/incidents/" + id + "/affected", partner, """
                            {"customerRef":"C-1","name":"Ana","email":"ana@example.com","locale":"es"}
                            not json
                            """);
            assertThat(uploaded.status()).isEqualTo(202);
            var job = uploaded.header("Location").orElseThrow();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api().get(job, partner).json().path("state").asString(), "COMPLETED"::equals);
            var update = api().post(
                            "/api/incidents/" + id + "/updates",
                            supervisor,
                            "{\"en\":\"Refunds are on their way.\",\"es\":\"Los reembolsos están en camino.\"}");

            assertValid("IncidentView", declared.json());
            assertValid(
                    "IncidentView", api().get("/api/incidents/" + id, partner).json());
            assertValid(
                    "IncidentPage", api().get("/api/incidents?limit=2", partner).json());
            assertValid("ImportJob", uploaded.json());
            assertValid("ImportJob", api().get(job, partner).json());
            assertThat(api().get(job, partner).json().path("rejected").asInt()).isEqualTo(1);
            assertValid("IncidentUpdate", update.json());
            assertValid(
                    "IncidentUpdates",
                    api().get("/api/incidents/" + id + "/updates", partner).json());
        }

        @Test
        void thatBreakTheSchemasAreRefused() {
            var answer = (ObjectNode) api().post("/api/cases", Persona.agent("agent1"), CaseMother.json())
                    .json();
            answer.put("status", "LOST");
            answer.remove("version");

            assertThat(errors("CaseView", answer)).hasSize(2);
        }

        private void assertValid(String schemaName, JsonNode answer) {
            assertThat(errors(schemaName, answer))
                    .as(schemaName + ": " + answer)
                    .isEmpty();
        }

        private List<String> errors(String schemaName, JsonNode answer) {
            var schema = (ObjectNode) document().deepCopy();
            schema.retain("components");
            schema.put("$ref", "#/components/schemas/" + schemaName);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(schema)
                    .validate(answer)
                    .stream()
                    .map(Object::toString)
                    .toList();
        }
    }

    private JsonNode document() {
        return api().send("GET", "/v3/api-docs", null, null).json();
    }
}
