package org.amends.cases;

import java.nio.file.Path;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsCaseServicePublishesAndConsumes() {
        var consumes = Subscriptions.all().stream()
                .filter(s -> s.service().equals("case-service"))
                .flatMap(s -> s.types().stream())
                .toList();
        ServiceReadme.assertListsEvents(Path.of("README.md"), CaseEvents.ALL, consumes);
    }
}
