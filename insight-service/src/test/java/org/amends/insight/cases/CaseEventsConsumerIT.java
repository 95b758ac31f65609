package org.amends.insight.cases;

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

class CaseEventsConsumerIT extends InsightServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseEventsListener listener;

    @Test
    void aBatchLetsPostgresqlKeepPlansThatReadByIndexAndOnlyUntilItCommits() throws SQLException {
        var incident = UUID.randomUUID();
        assertBatchesKeepOnlyPlansThatReadByIndex(
                listener::on,
                filed -> {
                    var proactive = Events.Case.of(filed.product(), filed.errorKind(), filed.openedAt())
                            .proactive();
                    return List.of(
                            Events.opened(filed),
                            Events.acknowledged(filed, 2, Duration.ofMinutes(5)),
                            Events.resolved(filed, 3, "ROUNDING-RULE", Duration.ofMinutes(30)),
                            Events.feedback(filed, 4, 5, false, Duration.ofMinutes(40)),
                            Events.reopened(filed, 5, Duration.ofMinutes(50)),
                            Events.opened(proactive, incident),
                            Events.acknowledged(proactive, 2, Duration.ofMinutes(1), incident));
                },
                "INSERT INTO processed_events",
                "INSERT INTO received_events",
                "INSERT INTO cases",
                "UPDATE cases SET");
    }

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
