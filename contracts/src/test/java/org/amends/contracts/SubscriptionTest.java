package org.amends.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.amends.contracts.cases.CaseEvents;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    @Test
    void aConsumerReadsTheTypesItBindsAndThoseItRetiredAndNoOthers() {
        var subscription = new Subscription(
                "remedy-service", "remedy-service.case-events", List.of(CaseEvents.OPENED), List.of(CaseEvents.CLOSED));

        assertThat(subscription.reads("amends.case.opened.v1")).isTrue();
        assertThat(subscription.reads("amends.case.closed.v1")).isTrue();
        assertThat(subscription.reads("amends.case.resolved.v1")).isFalse();
        assertThat(subscription.reads("amends.case.opened.v2")).isFalse();
    }

    @Test
    void aTypeIsBoundOrRetiredNotBoth() {
        assertThatThrownBy(() -> new Subscription(
                        "remedy-service",
                        "remedy-service.case-events",
                        List.of(CaseEvents.OPENED),
                        List.of(CaseEvents.OPENED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound or retired");
    }

    @Test
    void everyRetiredTypeIsInTheCatalogue() {
        for (var subscription : Subscriptions.all()) {
            assertThat(EventCatalogue.all()).as(subscription.queue()).containsAll(subscription.retired());
        }
    }
}
