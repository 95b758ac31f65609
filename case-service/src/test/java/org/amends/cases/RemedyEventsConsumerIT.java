package org.amends.cases;

import java.util.List;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.amends.testkit.ConsumerContract;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** The consumer contract for case-service's remedy-events queue, which takes its events in batches. */
class RemedyEventsConsumerIT extends CaseServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Override
    public Subscription subscription() {
        return Subscriptions.CASE_REMEDY_EVENTS;
    }

    @Override
    public RabbitTemplate rabbit() {
        return rabbit;
    }

    @Override
    public long applied(List<UUID> eventIds) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id IN (:ids)")
                .param("ids", eventIds)
                .query(Long.class)
                .single();
    }
}
