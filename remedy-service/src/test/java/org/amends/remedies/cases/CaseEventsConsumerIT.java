package org.amends.remedies.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.inbox.RetiredBindings;
import org.amends.messaging.inbox.SubscriptionQueues;
import org.amends.remedies.RemedyServiceIT;
import org.amends.testkit.ConsumerContract;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CaseEventsConsumerIT extends RemedyServiceIT implements ConsumerContract {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RetiredBindings retiredBindings;

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
