package org.amends.remedies.cases;

import java.util.List;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.remedies.RemedyServiceIT;
import org.amends.testkit.ConsumerContract;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CaseEventsConsumerIT extends RemedyServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Override
    public Subscription subscription() {
        return CaseEventsQueue.SUBSCRIPTION;
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
