package org.amends.insight.remedies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.insight.InsightServiceIT;
import org.amends.testkit.EventSchemas;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RemedyEventsConsumerIT extends InsightServiceIT {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRemedyEventExampleIsAppliedOnceEvenWhenDeliveredTwice() {
        var ids = new ArrayList<UUID>();
        for (var type : RemedyEventsQueue.SUBSCRIPTION.types()) {
            var id = UUID.randomUUID();
            ids.add(id);
            var event = EventSchemas.examples()
                    .get(type.type())
                    .replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + id + "\"");
            for (int i = 0; i < 2; i++) {
                rabbit.send(Exchanges.EVENTS, type.routingKey(), message(event));
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> count(ids) == ids.size() && drained());

        assertThat(count(ids)).isEqualTo(RemedyEventsQueue.SUBSCRIPTION.types().size());
    }

    private long count(List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id IN (:ids)")
                .param("ids", ids)
                .query(Long.class)
                .single();
    }

    private boolean drained() {
        return rabbit.execute(channel -> channel.queueDeclarePassive(RemedyEventsQueue.NAME))
                        .getMessageCount()
                == 0;
    }

    private static Message message(String body) {
        var properties = new MessageProperties();
        properties.setContentType("application/cloudevents+json");
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
