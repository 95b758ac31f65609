package org.amends.remedies;

import java.nio.file.Path;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.remedies.RemedyEvents;
import org.amends.testkit.ServiceReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeListsExactlyTheEventsThisServicePublishesAndConsumes() {
        ServiceReadme.assertListsEvents(
                Path.of("README.md"), RemedyEvents.ALL, Subscriptions.REMEDY_CASE_EVENTS.types());
    }
}
