package org.amends.insight.remedies;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.insight.Events;
import org.amends.insight.InsightServiceIT;
import org.amends.testkit.ConsumerContract;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RemedyEventsConsumerIT extends InsightServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RemedyEventsListener listener;

    @Test
    void aBatchLetsPostgresqlKeepPlansThatReadByIndexAndOnlyUntilItCommits() throws SQLException {
        assertBatchesKeepOnlyPlansThatReadByIndex(
                listener::on,
                remedied -> {
                    var remedy = UUID.randomUUID();
                    return List.of(
                            Events.remedyOffered(remedied, remedy, 1500, "EUR", Duration.ofMinutes(10)),
                            Events.remedyFulfilled(remedied, remedy, Duration.ofMinutes(20)));
                },
                "INSERT INTO processed_events",
                "INSERT INTO remedies",
                "UPDATE remedies SET cost_counted");
    }

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
