package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amends.contracts.cases.CaseEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceReadmeTest {

    @TempDir
    Path folder;

    @Test
    void aReadmeListingExactlyTheEventsPasses() throws Exception {
        var readme = write("""
                ### Publishes

                - `amends.case.opened.v1`: a case was taken in

                ### Consumes

                Nothing.
                """);

        assertThatCode(() -> ServiceReadme.assertListsEvents(readme, List.of(CaseEvents.OPENED), List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void aReadmeMissingAPublishedEventFails() throws Exception {
        var readme = write("""
                ### Publishes

                - `amends.case.opened.v1`

                ### Consumes
                """);

        assertThatThrownBy(() -> ServiceReadme.assertListsEvents(
                        readme, List.of(CaseEvents.OPENED, CaseEvents.CLOSED), List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("amends.case.closed.v1");
    }

    @Test
    void aReadmeWithoutTheSectionsFails() throws Exception {
        var readme = write("# a service\n");

        assertThatThrownBy(() -> ServiceReadme.assertListsEvents(readme, List.of(), List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("### Publishes");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(folder.resolve("README.md"), text);
    }
}
