package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenApiCompletenessTest {

    private static final Path DOCUMENTS = Path.of("src/test/resources/openapi");

    @Test
    void aDocumentWithEverythingAPartnerNeedsHasNoGaps() {
        assertThat(OpenApiCompleteness.gaps(DOCUMENTS.resolve("complete.yaml"))).isEmpty();
    }

    @Test
    void everyMissingPieceIsNamedWithItsOperation() {
        assertThat(OpenApiCompleteness.gaps(DOCUMENTS.resolve("incomplete.yaml")))
                .containsExactlyInAnyOrder(
                        "components.schemas.Problem with a `type` property is missing",
                        "POST /api/things: no summary",
                        "POST /api/things: no roles in x-amends-roles (none only with `security: []`)",
                        "POST /api/things: the description does not say \"Roles:\"",
                        "POST /api/things request body (application/json): no example",
                        "POST /api/things 201 (application/json): no example",
                        "POST /api/things 400: not only application/problem+json",
                        "POST /api/things: no 429 response",
                        "GET /api/public/things/{token}: no roles in x-amends-roles (none only with `security: []`)",
                        "GET /api/public/things/{token} 404: an example without its `type` URI or with another status",
                        "GET /api/public/things/{token} 429: no Retry-After header");
    }

    @Test
    void anIncompleteDocumentFailsTheAssertion() {
        assertThatThrownBy(() -> OpenApiCompleteness.assertComplete(DOCUMENTS.resolve("incomplete.yaml")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/things: no summary");
    }
}
