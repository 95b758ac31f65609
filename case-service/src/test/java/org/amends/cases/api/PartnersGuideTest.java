package org.amends.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the partners' guide's error table in step with the problem types the API document lists. */
class PartnersGuideTest {

    @Test
    void partnersGuideExplainsEveryProblemTypeWithItsStatus() throws IOException {
        var guide = Files.readString(Path.of("../docs/partners.md"));

        for (var problem : CaseApiDocument.PROBLEMS) {
            assertThat(guide)
                    .as("docs/partners.md explains " + problem.slug())
                    .contains("| `" + problem.slug() + "` | " + problem.status() + " |");
        }
        assertThat(guide.lines().filter(line -> line.matches("\\| `[a-z-]+` \\| \\d{3} \\|.*")))
                .as("docs/partners.md lists no problem type the API does not have")
                .hasSize(CaseApiDocument.PROBLEMS.size());
    }
}
