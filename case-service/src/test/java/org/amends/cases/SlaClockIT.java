package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.amends.cases.sla.SlaClock;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** LOW cases must be acknowledged within 1s and resolved within 3s in the test configuration; scans run every 200ms. */
class SlaClockIT extends CaseServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final String BREACHED = "amends.case.sla-breached.v1";

    @Autowired
    SlaClock slaClock;

    String openLow() {
        var response = api().post("/api/cases", AGENT, CaseMother.json(b -> b.put("impact", "LOW")));
        assertThat(response.json().path("severity").asString()).isEqualTo("LOW");
        return response.json().path("id").asString();
    }

    static Predicate<JsonNode> breach(String caseId, String clock) {
        return e -> caseId.equals(e.path("subject").asString())
                && BREACHED.equals(e.path("type").asString())
                && clock.equals(e.path("data").path("clock").asString());
    }

    List<String> breachEntries(String caseId) {
        var texts = new ArrayList<String>();
        api().get("/api/cases/" + caseId + "/timeline", AGENT)
                .json()
                .path("entries")
                .forEach(e -> {
                    if (e.path("kind").asString().equals("SLA_BREACHED")) {
                        texts.add(e.path("text").asString());
                    }
                });
        return texts;
    }

    @Test
    void aMissedAcknowledgementIsRecordedExactlyOnceEvenAfterManyScans() {
        try (var events = tapEvents()) {
            var id = openLow();

            var breach = events.await(breach(id, "ACKNOWLEDGEMENT"), 1, Duration.ofSeconds(20))
                    .getFirst()
                    .path("data");
            assertThat(breach.path("severity").asString()).isEqualTo("LOW");
            assertThat(breach.path("caseVersion").asLong()).isEqualTo(2);

            // Several more scans run meanwhile: none may record the same breach again.
            assertThat(events.settled(breach(id, "ACKNOWLEDGEMENT"), Duration.ofSeconds(1)))
                    .hasSize(1);
            assertThat(breachEntries(id))
                    .filteredOn(t -> t.startsWith("acknowledgement"))
                    .hasSize(1);
            var aCase = api().get("/api/cases/" + id, AGENT).json();
            assertThat(aCase.path("acknowledgeBreachedAt").isNull()).isFalse();
        }
    }

    @Test
    void aMissedResolutionIsRecordedOnceOnItsOwnClock() {
        try (var events = tapEvents()) {
            var id = openLow();
            api().post("/api/cases/" + id + "/acknowledgement", AGENT, null);

            var breach = events.await(breach(id, "RESOLUTION"), 1, Duration.ofSeconds(20))
                    .getFirst()
                    .path("data");

            assertThat(breach.path("dueAt").asString())
                    .isEqualTo(api().get("/api/cases/" + id, AGENT)
                            .json()
                            .path("resolveDueAt")
                            .asString());
            assertThat(events.settled(breach(id, "RESOLUTION"), Duration.ofSeconds(1)))
                    .hasSize(1);
            assertThat(breachEntries(id))
                    .filteredOn(t -> t.startsWith("resolution"))
                    .hasSize(1);
        }
    }

    @Test
    void concurrentScansLikeSeveralInstancesRecordEachBreachOnce() throws Exception {
        var ids = List.of(openLow(), openLow(), openLow());
        Thread.sleep(Duration.ofMillis(1_100));
        var scans = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 4; i++) {
            scans.add(slaClock::scan);
        }

        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var scan : pool.invokeAll(scans)) {
                scan.get();
            }
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (var id : ids) {
                assertThat(breachEntries(id))
                        .filteredOn(t -> t.startsWith("acknowledgement"))
                        .hasSize(1);
            }
        });
        for (var id : ids) {
            assertThat(jdbc.sql("""
                                    SELECT count(*) FROM outbox WHERE subject = ? AND event_type = ?
                                    AND payload LIKE '%"clock":"ACKNOWLEDGEMENT"%'""").params(id, BREACHED).query(Long.class).single())
                    .isEqualTo(1);
        }
    }

    @Test
    void breachedCasesCanBeListedAndAreCounted() {
        var id = openLow();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var ids = new ArrayList<String>();
            api().get("/api/cases?breached=true&severity=LOW&limit=100", AGENT)
                    .json()
                    .path("items")
                    .forEach(c -> ids.add(c.path("id").asString()));
            assertThat(ids).contains(id);
        });
        assertThat(api().send("GET", "/actuator/prometheus", null, null).body())
                .containsPattern("amends_case_sla_breaches_total\\{clock=\"ACKNOWLEDGEMENT\"[^}]*} [1-9]");
    }
}
