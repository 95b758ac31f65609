package org.amends.insight;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.insights.InsightEvents;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsThisServicePublishesAndConsumes() {
        ServiceReadme.assertListsEvents(
                Path.of("README.md"),
                InsightEvents.ALL,
                Stream.concat(
                                Subscriptions.INSIGHT_CASE_EVENTS.types().stream(),
                                Subscriptions.INSIGHT_REMEDY_EVENTS.types().stream())
                        .toList());
    }
}
