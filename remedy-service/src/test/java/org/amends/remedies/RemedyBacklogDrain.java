package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.BacklogDrain;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A measurement, not part of the build's tests (its name matches no Surefire or Failsafe pattern): how fast this
 * service drains a backlog of an incident import's events. Run it with {@code benchmark/scripts/consumer-drain.sh
 * remedy-service}; it prints {@code DRAIN} and {@code CPU} lines.
 */
class RemedyBacklogDrain extends RemedyServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Value("${amends.inbox.batch-size:500}")
    String batchSize;

    /**
     * {@code -Ddrain.cases=N} proactive cases of one incident, each a case.opened: what this service's queue receives
     * of an import (it does not bind the case.acknowledged each case also publishes).
     */
    @Test
    void drain() throws Exception {
        int cases = Integer.getInteger("drain.cases", 10_000);
        listeners.stop();
        var incident = UUID.randomUUID();
        var openedExample = EventSchemas.examples().get(CaseEvents.OPENED.type());
        for (int i = 0; i < cases; i++) {
            var caseId = UUID.randomUUID();
            var opened = (ObjectNode) JSON.readTree(openedExample);
            opened.put("id", UUID.randomUUID().toString());
            opened.put("subject", caseId.toString());
            var data = (ObjectNode) opened.get("data");
            data.put("caseId", caseId.toString());
            data.put("customerId", UUID.randomUUID().toString());
            data.put("incidentId", incident.toString());
            send(CaseEvents.OPENED.routingKey(), JSON.writeValueAsString(opened));
        }
        long before = applied();
        var drained = BacklogDrain.time(
                cases, rabbit, Subscriptions.REMEDY_CASE_EVENTS.queue(), this::applied, listeners::start);
        System.out.printf(
                "DRAIN remedy-service batch-size %s: %d events in %.2f s = %.0f events/s%n",
                batchSize, drained.events(), drained.seconds(), drained.eventsPerSecond());
        System.out.printf(
                "CPU remedy-service JVM during the drain: %.0f ms = %.2f ms per event; load %s%n",
                drained.cpuMs(), drained.cpuMsPerEvent(), BacklogDrain.load());
        assertThat(applied()).isEqualTo(before + drained.events());
    }

    private void send(String routingKey, String body) {
        rabbit.send(Exchanges.EVENTS, routingKey, TestRabbit.cloudEvent(body));
    }

    private long applied() {
        return jdbc.sql("SELECT count(*) FROM processed_events")
                .query(Long.class)
                .single();
    }
}
