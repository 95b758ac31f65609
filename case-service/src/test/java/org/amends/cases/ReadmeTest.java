package org.amends.cases;

import java.nio.file.Path;
import java.util.List;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsCaseServicePublishesAndConsumes() {
        ServiceReadme.assertListsEvents(Path.of("README.md"), CaseEvents.ALL, List.of());
    }
}
