package org.amends.cases.reputation;

import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.amends.messaging.inbox.SubscriptionQueues;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/** Declares this service's insight-events queue, its dead letters and bindings, as its {@link Subscription} says. */
@Configuration(proxyBeanMethods = false)
class InsightEventsQueue {

    static final Subscription SUBSCRIPTION = Subscriptions.CASE_INSIGHT_EVENTS;
    static final String NAME = "case-service.insight-events";

    @Bean
    Declarables insightEventsDeclarables() {
        // @RabbitListener needs the queue name as a constant; it must be the one the catalogue documents.
        Assert.state(NAME.equals(SUBSCRIPTION.queue()), "queue name differs from the catalogue");
        return SubscriptionQueues.declarables(SUBSCRIPTION);
    }
}
