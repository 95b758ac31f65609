package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Keeps {@code docs/api/remedy.yaml} equal to the OpenAPI document the running service generates, so every API change
 * shows in review, and holds the roles it names to the roles the service lets in. Run with {@code -Damends.contracts.write=true} to rewrite it after changing the API.
 */
class OpenApiDocumentIT extends RemedyServiceIT {

    private static final Path DOCUMENT = Path.of("../docs/api/remedy.yaml");
    private static final Map<String, Persona> PERSONAS = Map.of(
            "partner", Persona.partner("acme-partner"),
            "agent", Persona.agent("agent1"),
            "analyst", Persona.analyst("analyst1"));

    @Test
    void theDocumentedRolesAreExactlyTheRolesTheServiceLetsIn() {
        var document = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs")
                .retrieve()
                .body(JsonNode.class);
        var paths = document.path("paths");
        var mismatches = new ArrayList<String>();
        for (var path : paths.propertyNames()) {
            for (var method : paths.path(path).propertyNames()) {
                var operation = paths.path(path).path(method);
                var documented = operation
                        .path("x-amends-roles")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList();
                assertThat(documented).as(method + " " + path).isNotEmpty();
                assertThat(operation.path("description").asString(""))
                        .as(method + " " + path)
                        .contains("Roles: " + String.join(", ", documented));
                // Ids nobody has: an allowed role gets past security and then 200, 400 or 404, never 403.
                var concrete = path.replace("{id}", UUID.randomUUID().toString())
                        .replace("{caseId}", UUID.randomUUID().toString())
                        .replace("{customerId}", UUID.randomUUID().toString());
                var body = operation.has("requestBody") ? "{}" : null;
                var personas = new LinkedHashMap<>(PERSONAS);
                if (documented.contains("admin")) {
                    personas.put("admin", Persona.admin("admin1"));
                }
                personas.forEach((role, persona) -> {
                    var status = api.send(method.toUpperCase(), concrete, api.token(persona), body)
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

    @Test
    void theCommittedDocumentMatchesTheOneTheServiceGenerates() throws IOException {
        // The YAML is UTF-8 (arrows, accents) but answered without a charset: read it as bytes, not as a String.
        var generated = new String(
                RestClient.create("http://localhost:" + port)
                        .get()
                        .uri("/v3/api-docs.yaml")
                        .retrieve()
                        .body(byte[].class),
                StandardCharsets.UTF_8);
        if (Boolean.getBoolean("amends.contracts.write")) {
            Files.writeString(DOCUMENT, generated);
        }

        assertThat(generated).doesNotContain("localhost:" + port).contains("url: http://localhost:8080");
        assertThat(Files.readString(DOCUMENT))
                .as("docs/api/remedy.yaml is stale: run ./mvnw -pl remedy-service verify "
                        + "-Dit.test=OpenApiDocumentIT -Damends.contracts.write=true")
                .isEqualTo(generated);
    }
}
