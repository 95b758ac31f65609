package org.amends.insight.remedies;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.insight.Events;
import org.amends.insight.InsightServiceIT;
import org.amends.testkit.ConsumerContract;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.TestRabbit;
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
    HikariDataSource dataSource;

    @Autowired
    RemedyEventsListener listener;

    @Test
    void aBatchLetsPostgresqlKeepPlansThatReadByIndexAndOnlyUntilItCommits() throws SQLException {
        var product = "PLANS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var base = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        // Fifteen batches on the test's connection: each statement runs more than ten times.
        for (int i = 0; i < 15; i++) {
            var remedied = Events.Case.of(product, "CALCULATION", base.plusSeconds(i));
            var remedy = UUID.randomUUID();
            var batch = List.of(
                    Events.remedyOffered(remedied, remedy, 1500, "EUR", Duration.ofMinutes(10)),
                    Events.remedyFulfilled(remedied, remedy, Duration.ofMinutes(20)));
            listener.on(batch.stream().map(TestRabbit::cloudEvent).toList());
        }

        PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(
                dataSource,
                dataSource.getMaximumPoolSize(),
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
