package org.amends.remedies.web;

import java.nio.file.Path;
import org.amends.testkit.OpenApiCompleteness;
import org.junit.jupiter.api.Test;

/**
 * Holds the committed {@code docs/api/remedy.yaml} (kept equal to the generated one by {@code OpenApiDocumentIT}) to
 * what a caller needs from every operation, so the next endpoint cannot forget its summary, roles, examples, the
 * gateway's 429 or its problem answers.
 */
class ApiDocumentCompletenessTest {

    @Test
    void everyOperationHasASummaryRolesExamplesTheRateLimitAndProblemAnswers() {
        OpenApiCompleteness.assertComplete(Path.of("../docs/api/remedy.yaml"));
    }
}
