package org.amends.remedies.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.EventType;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.inbox.RetiredBindings;
import org.amends.messaging.inbox.SubscriptionQueues;
import org.amends.remedies.CaseMother;
import org.amends.remedies.RemedyServiceIT;
import org.amends.testkit.ConsumerContract;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseEventsConsumerIT extends RemedyServiceIT implements ConsumerContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RetiredBindings retiredBindings;

    @Autowired
    CaseEventsListener listener;

    @Autowired
    HikariDataSource dataSource;

    @Test
    void aRetiredTypeIsUnboundAtStartUpAndOneStillQueuedIsSkippedNotDeadLettered() {
        var subscription = subscription();
        assertThat(subscription.retired()).contains(CaseEvents.ACKNOWLEDGED);
        // The bindings an earlier version declared, which declaring the queue again leaves in place.
        subscription.retired().forEach(type -> admin.declareBinding(SubscriptionQueues.binding(subscription, type)));

        retiredBindings.remove();

        var retiredIds = new ArrayList<UUID>();
        for (var type : subscription.retired()) {
            var id = UUID.randomUUID();
            retiredIds.add(id);
            TestRabbit.publishInOrder(
                    rabbit,
                    Exchanges.EVENTS,
                    type.routingKey(),
                    TestRabbit.cloudEvent(EventSchemas.example(type.type(), id)));
        }
        var marker = UUID.randomUUID();
        TestRabbit.publishInOrder(
                rabbit,
                Exchanges.EVENTS,
                CaseEvents.OPENED.routingKey(),
                TestRabbit.cloudEvent(EventSchemas.example(CaseEvents.OPENED.type(), marker)));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(List.of(marker)) == 1);
        assertThat(applied(retiredIds))
                .as("published after the unbinding, so never queued")
                .isZero();

        // One queued before the consumer was upgraded: recorded once and skipped, not refused.
        var leftover = UUID.randomUUID();
        rabbit.send(
                "",
                subscription.queue(),
                TestRabbit.cloudEvent(EventSchemas.example(CaseEvents.ACKNOWLEDGED.type(), leftover)));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(List.of(leftover)) == 1);
        var deadLetter = rabbit.receive(subscription.deadLetterQueue(), 1000);
        assertThat(deadLetter).as("nothing dead-lettered").isNull();
    }

    @Test
    void aBatchRecordsAnImportsOpeningsTogetherAndAppliesEveryOtherEventInItsPlace() {
        var incident = UUID.randomUUID();
        var imported = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        var filed = UUID.randomUUID();
        var filedTwice = UUID.randomUUID();
        var resolved = (ObjectNode) JSON.readTree(EventSchemas.example(CaseEvents.RESOLVED.type(), UUID.randomUUID()));
        resolved.put("subject", imported.get(1).toString());
        ((ObjectNode) resolved.get("data")).put("caseId", imported.get(1).toString());
        var batch = List.of(
                CaseMother.openedForIncident(imported.get(0), incident, "CALCULATION", 1500L),
                CaseMother.openedForIncident(imported.get(1), incident, "CALCULATION", null),
                // A case filed by a partner between them: the per-case policy proposes its remedy.
                CaseMother.opened(filed, UUID.randomUUID(), "MEASUREMENT", "HIGH"),
                CaseMother.opened(filedTwice, UUID.randomUUID(), "MEASUREMENT", "HIGH"),
                CaseMother.openedForIncident(imported.get(2), incident, "CALCULATION", 700L),
                // The same cases again under new event ids (a replay after the inbox was purged): recorded once, and
                // the filed one earns its policy remedies once.
                CaseMother.openedForIncident(imported.get(0), incident, "CALCULATION", 1500L),
                CaseMother.opened(filedTwice, UUID.randomUUID(), "MEASUREMENT", "HIGH"),
                // After the openings before it are recorded, not before.
                JSON.writeValueAsString(resolved));

        listener.on(batch.stream().map(TestRabbit::cloudEvent).toList());

        assertThat(applied(batch.stream()
                        .map(json ->
                                UUID.fromString(JSON.readTree(json).path("id").asString()))
                        .toList()))
                .isEqualTo(batch.size());
        var rows = jdbc.sql("""
                        SELECT case_id, incident_id, amount_minor, amount_currency, status FROM cases
                        WHERE incident_id = ? ORDER BY amount_minor NULLS FIRST""").param(incident).query().listOfRows();
        assertThat(rows)
                .extracting(row -> row.get("case_id"), row -> row.get("amount_minor"), row -> row.get("status"))
                .containsExactly(
                        tuple(imported.get(1), null, "RESOLVED"),
                        tuple(imported.get(2), 700L, "OPEN"),
                        tuple(imported.get(0), 1500L, "OPEN"));
        var proposed = "SELECT count(*) FROM remedies WHERE case_id = ?";
        var policyRemedies = jdbc.sql(proposed).param(filed).query(Long.class).single();
        assertThat(policyRemedies).as("the filed case's policy remedy").isPositive();
        assertThat(jdbc.sql(proposed).param(filedTwice).query(Long.class).single())
                .as("the policy remedies of a case opened twice in the batch, proposed once")
                .isEqualTo(policyRemedies);
        assertThat(imported)
                .allSatisfy(caseId -> assertThat(jdbc.sql(proposed)
                                .param(caseId)
                                .query(Long.class)
                                .single())
                        .as("no per-case proposal for an incident's case")
                        .isZero());
    }

    @Test
    void aBatchLetsPostgresqlKeepPlansThatReadByIndexAndOnlyUntilItCommits() throws SQLException {
        // Each statement must run more than ten times on one connection. The pool hands the test's thread its last
        // connection, unless a scheduled task holds that one at the moment: in one CI run fifteen batches split 8 / 7
        // over two connections and no INSERT INTO cases reached a kept plan. Thirty give one of two at least fifteen.
        for (int i = 0; i < 30; i++) {
            var filed = UUID.randomUUID();
            var batch = List.of(
                    CaseMother.opened(filed, UUID.randomUUID(), "CALCULATION", "HIGH"),
                    CaseMother.openedForIncident(UUID.randomUUID(), UUID.randomUUID(), "CALCULATION", 900L),
                    ofCase(CaseEvents.RESOLVED, filed),
                    ofCase(CaseEvents.REOPENED, filed),
                    ofCase(CaseEvents.CLOSED, filed),
                    erasure(UUID.randomUUID()));
            listener.on(batch.stream().map(TestRabbit::cloudEvent).toList());
        }

        PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(
                dataSource,
                "INSERT INTO processed_events",
                "INSERT INTO cases",
                "INSERT INTO remedies",
                "UPDATE cases SET status");
    }

    /** The contract's example event of {@code type}, about {@code caseId}, under a new event id. */
    private static String ofCase(EventType<?> type, UUID caseId) {
        var event = (ObjectNode) JSON.readTree(EventSchemas.example(type.type(), UUID.randomUUID()));
        event.put("subject", caseId.toString());
        ((ObjectNode) event.get("data")).put("caseId", caseId.toString());
        return JSON.writeValueAsString(event);
    }

    /** The contract's example erasure, of {@code customerId}, under a new event id. */
    private static String erasure(UUID customerId) {
        var event =
                (ObjectNode) JSON.readTree(EventSchemas.example(CaseEvents.CUSTOMER_ERASED.type(), UUID.randomUUID()));
        ((ObjectNode) event.get("data")).put("customerId", customerId.toString());
        return JSON.writeValueAsString(event);
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
