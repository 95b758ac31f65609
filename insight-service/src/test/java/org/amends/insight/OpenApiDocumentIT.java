package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * Keeps {@code docs/api/insight.yaml} equal to the OpenAPI document the running service generates, so every API change
 * shows in review. Run with {@code -Damends.contracts.write=true} to rewrite it after changing the API.
 */
class OpenApiDocumentIT extends InsightServiceIT {

    private static final Path DOCUMENT = Path.of("../docs/api/insight.yaml");

    @Test
    void everyOperationSaysWhatItDoesAndWhoMayCallIt() {
        var document = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs")
                .retrieve()
                .body(tools.jackson.databind.JsonNode.class);
        var paths = document.path("paths");
        assertThat(paths.propertyNames()).isNotEmpty();
        for (var path : paths.propertyNames()) {
            assertThat(path).startsWith("/api/insights/");
            for (var method : paths.path(path).propertyNames()) {
                var operation = paths.path(path).path(method);
                assertThat(operation.path("summary").asString(""))
                        .as(method + " " + path)
                        .isNotBlank();
                assertThat(operation.path("description").asString(""))
                        .as(method + " " + path)
                        .contains("Roles:");
                assertThat(operation.path("x-amends-roles").isArray())
                        .as(method + " " + path)
                        .isTrue();
                assertThat(operation.path("responses").has("403"))
                        .as(method + " " + path)
                        .isTrue();
            }
        }
    }

    @Test
    void theCommittedDocumentMatchesTheOneTheServiceGenerates() throws IOException {
        var generated = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs.yaml")
                .retrieve()
                .body(String.class);
        if (Boolean.getBoolean("amends.contracts.write")) {
            Files.writeString(DOCUMENT, generated);
        }

        assertThat(generated).doesNotContain("localhost:" + port).contains("url: http://localhost:8080");
        assertThat(Files.readString(DOCUMENT))
                .as("docs/api/insight.yaml is stale: run ./mvnw -pl insight-service verify "
                        + "-Dit.test=OpenApiDocumentIT -Damends.contracts.write=true")
                .isEqualTo(generated);
    }
}
