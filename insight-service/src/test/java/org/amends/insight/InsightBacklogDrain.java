package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscriptions;
import org.amends.testkit.BacklogDrain;
import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A measurement, not part of the build's tests (its name matches no Surefire or Failsafe pattern): how fast this
 * service drains a backlog of an incident import's events, and what it costs idle. Run it with
 * {@code benchmark/scripts/consumer-drain.sh insight-service}; it prints {@code DRAIN}, {@code CPU}, {@code IDLE} and
 * {@code LONE} lines. It does not extend {@link InsightServiceIT}: the scheduled evaluations run at their production
 * pace here, not every second as the tests need, which would dominate both figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InsightBacklogDrain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("insight_drain");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("insight-drain");
    static final TestJwtIssuer TOKENS = TestJwtIssuer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceProperties.of(DATABASE, VHOST, TOKENS).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Value("${amends.insight.reputation.evaluate-every}")
    String reputationPace;

    @Value("${amends.inbox.batch-size:500}")
    String batchSize;

    /**
     * {@code -Ddrain.cases=N} proactive cases of one incident, each a case.opened and a case.acknowledged, queued
     * first in the order the outbox relay publishes an import: per import batch ({@code -Ddrain.import-batch}, 1,000
     * lines as case-service's default), its openings, then its acknowledgements.
     */
    @Test
    void drain() throws Exception {
        int cases = Integer.getInteger("drain.cases", 10_000);
        int importBatch = Integer.getInteger("drain.import-batch", 1_000);
        listeners.stop();
        var incident = UUID.randomUUID();
        var start = Instant.now().minus(Duration.ofMinutes(30));
        for (int first = 0; first < cases; first += importBatch) {
            var batch = new ArrayList<Events.Case>();
            for (int i = first; i < Math.min(cases, first + importBatch); i++) {
                batch.add(Events.Case.of("billing", "CALCULATION", start.plusMillis(i))
                        .proactive());
            }
            var events = new ArrayList<String>();
            batch.forEach(c -> events.add(Events.opened(c, incident)));
            batch.forEach(c -> events.add(Events.acknowledged(c, 2, Duration.ofSeconds(1), incident)));
            // On one channel, as the relay does: RabbitMQ keeps the order of one channel's messages only.
            rabbit.invoke(channel -> {
                events.forEach(json -> channel.send(Exchanges.EVENTS, routingKey(json), TestRabbit.cloudEvent(json)));
                channel.waitForConfirmsOrDie(30_000);
                return null;
            });
        }
        long before = applied();
        var drained = BacklogDrain.time(
                2L * cases, rabbit, Subscriptions.INSIGHT_CASE_EVENTS.queue(), this::applied, listeners::start);
        System.out.printf(
                "DRAIN insight-service batch-size %s (reputation every %s): %d events in %.2f s = %.0f events/s%n",
                batchSize, reputationPace, drained.events(), drained.seconds(), drained.eventsPerSecond());
        System.out.printf(
                "CPU insight-service JVM during the drain: %.0f ms = %.2f ms per event; load %s%n",
                drained.cpuMs(), drained.cpuMsPerEvent(), BacklogDrain.load());
        assertThat(applied()).isEqualTo(before + drained.events());
    }

    /** CPU of this JVM over 60 s with the consumers idle, then 20 lone events from publish to commit. */
    @Test
    void idleCpuAndLoneEventLatency() throws Exception {
        Thread.sleep(15_000);
        long cpu = BacklogDrain.cpuTicks();
        long t0 = System.nanoTime();
        Thread.sleep(60_000);
        long ticks = BacklogDrain.cpuTicks() - cpu;
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "IDLE insight-service JVM: %.2f s CPU in %.1f s = %.2f %% of one core; load %s%n",
                ticks / 100.0, wall, ticks / wall, BacklogDrain.load());
        var latencies = new ArrayList<Double>();
        var start = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 20; i++) {
            var json = Events.opened(Events.Case.of("latency", "CALCULATION", start.plusSeconds(i)));
            long before = applied();
            long s0 = System.nanoTime();
            publish(json);
            while (applied() == before) {
                Thread.sleep(1);
            }
            latencies.add((System.nanoTime() - s0) / 1e6);
            Thread.sleep(300);
        }
        Collections.sort(latencies);
        System.out.printf(
                "LONE insight-service: publish to commit median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                latencies.get(10), latencies.get(18), latencies.get(19));
        assertThat(latencies).hasSize(20);
    }

    private void publish(String cloudEventJson) {
        rabbit.send(Exchanges.EVENTS, routingKey(cloudEventJson), TestRabbit.cloudEvent(cloudEventJson));
    }

    private static String routingKey(String cloudEventJson) {
        return JSON.readTree(cloudEventJson).path("type").asString().substring("amends.".length());
    }

    private long applied() {
        return jdbc.sql("SELECT count(*) FROM processed_events")
                .query(Long.class)
                .single();
    }
}
