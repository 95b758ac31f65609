package org.amends.cases;

import java.nio.file.Path;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsCaseServicePublishesAndConsumes() {
        ServiceReadme.assertListsEvents(Path.of("README.md"), CaseEvents.ALL, Subscriptions.CASE_REMEDY_EVENTS.types());
    }
}
