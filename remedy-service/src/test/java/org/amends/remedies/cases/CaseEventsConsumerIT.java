package org.amends.remedies.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.amends.contracts.EventCatalogue;
import org.amends.contracts.Exchanges;
import org.amends.messaging.inbox.DeadLetters;
import org.amends.remedies.RemedyServiceIT;
import org.amends.testkit.EventSchemas;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CaseEventsConsumerIT extends RemedyServiceIT {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConsumedCatalogueExampleIsAppliedOnceEvenWhenDelivered3Times() {
        var ids = new java.util.ArrayList<UUID>();
        EventSchemas.examples().forEach((type, example) -> {
            if (CaseEventsQueue.SUBSCRIPTION.types().stream()
                    .noneMatch(t -> t.type().equals(type))) {
                return; // not bound to this queue: another area's example
            }
            var id = UUID.randomUUID();
            ids.add(id);
            var event = example.replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + id + "\"");
            var routingKey = EventCatalogue.byType(type).orElseThrow().routingKey();
            for (int i = 0; i < 3; i++) {
                rabbit.send(Exchanges.EVENTS, routingKey, message(event));
            }
        });

        awaitUntil(() -> count(ids) == ids.size() && queueDrained());

        assertThat(count(ids)).isEqualTo(ids.size());
        assertThat(jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id IN (:ids)")
                        .param("ids", ids)
                        .query(Long.class)
                        .single())
                .as("one row per event, however often it was delivered")
                .isEqualTo(ids.size());
    }

    @Test
    void anUnknownMajorVersionGoesToTheDeadLetterQueueWithoutBeingApplied() {
        var id = UUID.randomUUID();
        var example = EventSchemas.examples().get("amends.case.opened.v1");
        var v9 = example.replace("amends.case.opened.v1", "amends.case.opened.v9")
                .replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + id + "\"");

        rabbit.send("", CaseEventsQueue.NAME, message(v9));

        var deadLetter = awaitMessage(CaseEventsQueue.DEAD_LETTERS);
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains(id.toString());
        assertThat((String) deadLetter.getMessageProperties().getHeader(DeadLetters.REASON))
                .contains("unknown event type amends.case.opened.v9");
        assertThat(count(java.util.List.of(id))).isZero();
    }

    @Test
    void aBodyThatIsNotJsonGoesToTheDeadLetterQueue() {
        rabbit.send("", CaseEventsQueue.NAME, message("{not json"));

        var deadLetter = awaitMessage(CaseEventsQueue.DEAD_LETTERS);
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat((String) deadLetter.getMessageProperties().getHeader(DeadLetters.REASON))
                .startsWith("not a JSON CloudEvent");
    }

    private long count(java.util.List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id IN (:ids)")
                .param("ids", ids)
                .query(Long.class)
                .single();
    }

    private boolean queueDrained() {
        var info = rabbit.execute(channel -> channel.queueDeclarePassive(CaseEventsQueue.NAME));
        return info.getMessageCount() == 0;
    }

    private Message awaitMessage(String queue) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var message = rabbit.receive(queue, 500);
            if (message != null) {
                return message;
            }
        }
        throw new AssertionError("nothing arrived on " + queue + " within 20 s");
    }

    private static Message message(String body) {
        var properties = new MessageProperties();
        properties.setContentType("application/cloudevents+json");
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
