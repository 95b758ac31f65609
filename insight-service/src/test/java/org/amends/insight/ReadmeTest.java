package org.amends.insight;

import java.nio.file.Path;
import java.util.List;
import org.amends.contracts.Subscriptions;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsThisServicePublishesAndConsumes() {
        ServiceReadme.assertListsEvents(
                Path.of("README.md"),
                List.of(),
                java.util.stream.Stream.concat(
                                Subscriptions.INSIGHT_CASE_EVENTS.types().stream(),
                                Subscriptions.INSIGHT_REMEDY_EVENTS.types().stream())
                        .toList());
    }
}
