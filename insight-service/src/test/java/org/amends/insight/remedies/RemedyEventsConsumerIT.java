package org.amends.insight.remedies;

import java.util.List;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.insight.InsightServiceIT;
import org.amends.testkit.ConsumerContract;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RemedyEventsConsumerIT extends InsightServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Override
    public Subscription subscription() {
        return RemedyEventsQueue.SUBSCRIPTION;
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
