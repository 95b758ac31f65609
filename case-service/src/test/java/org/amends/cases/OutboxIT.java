package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.amends.messaging.outbox.OutboxRelay;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OutboxIT extends CaseServiceIT {

    static final Persona ACME = Persona.partner("acme-partner");
    static final int CASES = 5;

    @Autowired
    OutboxRelay relay;

    /** The live lane's backlog: cases filed through the API are live events. */
    static final Pattern BACKLOG =
            Pattern.compile("(?m)^amends_outbox_backlog\\{[^}]*lane=\"live\"[^}]*} ([0-9.eE+]+)$");

    @Test
    void everyConnectionPlansEachStatementForItsOwnParametersAndTheTableAsItIsNow() {
        // A generic plan cached while a table was nearly empty kept scanning it whole once it had grown.
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                    .isEqualTo("force_custom_plan");
        }
    }

    @Test
    void casesFiledWhileTheBrokerIsUnreachableAreAllPublishedOnceItIsBack() {
        try (var events = tapEvents()) {
            var ids = new ArrayList<String>();
            TestServers.BROKER.cut();
            try {
                for (int i = 0; i < CASES; i++) {
                    var response = api().post("/api/cases", ACME, CaseMother.json());
                    assertThat(response.status()).isEqualTo(201);
                    ids.add(response.json().path("id").asString());
                }
                // Give the relay several rounds against the dead connection: nothing may be marked published.
                sleep(Duration.ofSeconds(1));
                assertThat(unpublishedOpenings(ids)).isEqualTo(CASES);
                assertThat(backlog()).isGreaterThanOrEqualTo(CASES);
                assertThat(api().send("GET", "/actuator/health/readiness", null, null)
                                .status())
                        .as("a broker outage does not make the service unready")
                        .isEqualTo(200);
            } finally {
                TestServers.BROKER.restore();
            }

            List<JsonNode> opened = events.await(
                    e -> "amends.case.opened.v1".equals(e.path("type").asString())
                            && ids.contains(e.path("subject").asString()),
                    CASES,
                    Duration.ofSeconds(30));
            var settled = events.settled(
                    e -> "amends.case.opened.v1".equals(e.path("type").asString())
                            && ids.contains(e.path("subject").asString()),
                    Duration.ofSeconds(1));
            assertThat(settled).hasSize(CASES);
            var eventIds = new HashSet<String>();
            var subjects = new HashSet<String>();
            settled.forEach(e -> {
                eventIds.add(e.path("id").asString());
                subjects.add(e.path("subject").asString());
            });
            assertThat(eventIds).hasSize(CASES);
            assertThat(subjects).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(opened).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedOpenings(ids) == 0);
        }
    }

    @Test
    void publishedRowsOlderThanTheRetentionArePurged() {
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, routing_key, subject, payload, created_at, published_at)
                        VALUES (gen_random_uuid(), 'amends.case.opened.v1', 'case.opened.v1', 'old', '{}',
                                now() - interval '30 days', now() - interval '30 days')""").update();

        var purged = relay.purge();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE subject = 'old'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long unpublishedOpenings(List<String> ids) {
        return jdbc.sql("""
                        SELECT count(*) FROM outbox
                        WHERE published_at IS NULL AND event_type = 'amends.case.opened.v1' AND subject IN (:ids)""").param("ids", ids).query(Long.class).single();
    }

    private double backlog() {
        var metrics = api().send("GET", "/actuator/prometheus", null, null).body();
        var matcher = BACKLOG.matcher(metrics);
        assertThat(matcher.find())
                .as("amends_outbox_backlog{lane=\"live\"} in\n" + metrics)
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
