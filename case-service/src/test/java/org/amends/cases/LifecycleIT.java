package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.amends.cases.lifecycle.Cases;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class LifecycleIT extends CaseServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Persona SUPERVISOR = Persona.supervisor("sue");

    @Autowired
    Cases cases;

    String open() {
        return open(CaseMother.json());
    }

    String open(String body) {
        var response = api().post("/api/cases", AGENT, body);
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    @Nested
    class Transitions {

        @Test
        void aCaseGoesThroughItsWholeLifecycleAndPublishesEveryEvent() {
            try (var events = tapEvents()) {
                var id = open();
                var base = "/api/cases/" + id;

                var acknowledged = api().post(base + "/acknowledgement", AGENT, null, "If-Match", "\"1\"");
                assertThat(acknowledged.status()).isEqualTo(200);
                assertThat(acknowledged.header("ETag")).hasValue("\"2\"");
                assertThat(acknowledged.json().path("case").path("status").asString())
                        .isEqualTo("ACKNOWLEDGED");
                assertThat(acknowledged.json().path("message").asString())
                        .contains("calculation mistake", "Broadband 500", "Charged twice for March");

                assertThat(api().post(base + "/investigation", AGENT, null)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("INVESTIGATING");
                var resolved = api().post(
                                base + "/resolution",
                                SUPERVISOR,
                                "{\"rootCauseCode\":\"BILLING-RUN-DOUBLE-CHARGE\",\"summary\":\"The March run ran twice.\"}");
                assertThat(resolved.status()).isEqualTo(200);
                assertThat(resolved.json().path("rootCause").path("code").asString())
                        .isEqualTo("BILLING-RUN-DOUBLE-CHARGE");
                assertThat(api().post(base + "/closure", AGENT, null)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("CLOSED");
                var reopened = api().post(base + "/reopening", AGENT, "{\"reason\":\"Charged twice again in April\"}");
                assertThat(reopened.json().path("status").asString()).isEqualTo("REOPENED");
                assertThat(reopened.json().path("version").asLong()).isEqualTo(6);

                for (var type : new String[] {
                    "amends.case.opened.v1",
                    "amends.case.acknowledged.v1",
                    "amends.case.resolved.v1",
                    "amends.case.closed.v1",
                    "amends.case.reopened.v1"
                }) {
                    events.await(id, type, 1, Duration.ofSeconds(20));
                }
                var resolvedEvent = events.await(id, "amends.case.resolved.v1", 1, Duration.ofSeconds(1))
                        .getFirst()
                        .path("data");
                assertThat(resolvedEvent.path("resolvedBy").asString()).isEqualTo("sue");
                assertThat(resolvedEvent.path("caseVersion").asLong()).isEqualTo(4);
                assertThat(resolvedEvent.path("withinSla").asBoolean()).isTrue();

                var kinds = new ArrayList<String>();
                api().get(base + "/timeline", AGENT)
                        .json()
                        .path("entries")
                        .forEach(e -> kinds.add(e.path("kind").asString()));
                assertThat(kinds)
                        .containsExactly("OPENED", "ACKNOWLEDGED", "INVESTIGATING", "RESOLVED", "CLOSED", "REOPENED");
            }
        }

        @Test
        void resolvingStraightAfterAcknowledgementIsAllowed() {
            var id = open();
            api().post("/api/cases/" + id + "/acknowledgement", AGENT, null);

            var resolved = api().post(
                            "/api/cases/" + id + "/resolution",
                            AGENT,
                            "{\"rootCauseCode\":\"X-1\",\"summary\":\"fixed\"}");

            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json().path("status").asString()).isEqualTo("RESOLVED");
        }

        @Test
        void illegalTransitionsAreConflicts() {
            var id = open();
            var base = "/api/cases/" + id;

            var resolveTooSoon = api().post(base + "/resolution", AGENT, "{\"rootCauseCode\":\"X\",\"summary\":\"y\"}");
            var closeTooSoon = api().post(base + "/closure", AGENT, null);
            var reopenTooSoon = api().post(base + "/reopening", AGENT, "{\"reason\":\"why not\"}");
            var investigateTooSoon = api().post(base + "/investigation", AGENT, null);
            api().post(base + "/acknowledgement", AGENT, null);
            var acknowledgeTwice = api().post(base + "/acknowledgement", AGENT, null);

            for (var response : new ServiceApi.Response[] {
                resolveTooSoon, closeTooSoon, reopenTooSoon, investigateTooSoon, acknowledgeTwice
            }) {
                assertThat(response.status()).isEqualTo(409);
                assertThat(response.problemType()).isEqualTo("https://amends.org/problems/illegal-transition");
            }
            assertThat(api().get(base, AGENT).json().path("version").asLong()).isEqualTo(2);
        }

        @Test
        void aStaleIfMatchIsAFailedPrecondition() {
            var id = open();
            api().post("/api/cases/" + id + "/acknowledgement", AGENT, null, "If-Match", "\"1\"");

            var stale = api().post("/api/cases/" + id + "/investigation", AGENT, null, "If-Match", "\"1\"");

            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.problemType()).isEqualTo("https://amends.org/problems/precondition-failed");
            assertThat(api().get("/api/cases/" + id, AGENT)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("ACKNOWLEDGED");
        }

        @Test
        void anUnknownCaseIsNotFound() {
            var response = api().post("/api/cases/" + UUID.randomUUID() + "/acknowledgement", AGENT, null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/not-found");
        }

        @Test
        void resolutionNeedsARootCause() {
            var id = open();
            api().post("/api/cases/" + id + "/acknowledgement", AGENT, null);

            var response = api().post("/api/cases/" + id + "/resolution", AGENT, "{}");

            assertThat(response.status()).isEqualTo(400);
            var fields = new ArrayList<String>();
            response.json()
                    .path("errors")
                    .forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).containsExactlyInAnyOrder("rootCauseCode", "summary");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void aWriteThatLosesTheVersionRaceIsNotStored() {
            var id = UUID.fromString(open());
            var first = cases.find(id).orElseThrow();
            var second = cases.find(id).orElseThrow();

            first.acknowledge("agent1", Instant.now());
            second.acknowledge("agent2", Instant.now());

            assertThat(cases.update(first, 1)).isTrue();
            assertThat(cases.update(second, 1)).isFalse();
            assertThat(api().get("/api/cases/" + id, AGENT)
                            .json()
                            .path("version")
                            .asLong())
                    .isEqualTo(2);
        }

        @Test
        void concurrentAcknowledgementsSucceedOnceAndTheRestAreConflicts() throws Exception {
            var id = open();
            var calls = new ArrayList<Callable<ServiceApi.Response>>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api().post("/api/cases/" + id + "/acknowledgement", AGENT, null));
            }

            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newFixedThreadPool(6)) {
                for (var future : pool.invokeAll(calls)) {
                    var response = future.get();
                    statuses.add(response.status());
                    if (response.status() == 409) {
                        assertThat(response.problemType())
                                .isIn(
                                        "https://amends.org/problems/conflict",
                                        "https://amends.org/problems/illegal-transition");
                    }
                }
            }

            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
            var acknowledgements = new ArrayList<String>();
            api().get("/api/cases/" + id + "/timeline", AGENT)
                    .json()
                    .path("entries")
                    .forEach(e -> {
                        if (e.path("kind").asString().equals("ACKNOWLEDGED")) {
                            acknowledgements.add(e.path("actor").asString());
                        }
                    });
            assertThat(acknowledgements).hasSize(1);
        }
    }

    @Nested
    class Acknowledgement {

        @Test
        void previewIsInTheCustomersLanguage() {
            var id = open(CaseMother.json(b -> {
                ((ObjectNode) b.get("customer")).put("locale", "es");
                b.put("errorKind", "EXECUTION");
            }));

            var preview = api().get("/api/cases/" + id + "/acknowledgement/preview", AGENT);

            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.json().path("locale").asString()).isEqualTo("es");
            assertThat(preview.json().path("message").asString())
                    .contains("Cometimos un error en cómo lo llevamos a cabo", "Broadband 500", "lo sentimos");
        }

        @Test
        void anEditedMessageIsWhatTheCustomerSeesOnTheTimeline() {
            try (var events = tapEvents()) {
                var id = open();

                var response = api().post(
                                "/api/cases/" + id + "/acknowledgement",
                                AGENT,
                                "{\"message\":\"We double-charged you. Sorry: the refund is on its way.\"}");

                assertThat(response.json().path("message").asString()).startsWith("We double-charged you.");
                JsonNode last = null;
                for (var entry : api().get("/api/cases/" + id + "/timeline", AGENT)
                        .json()
                        .path("entries")) {
                    last = entry;
                }
                assertThat(last).isNotNull();
                assertThat(last.path("kind").asString()).isEqualTo("ACKNOWLEDGED");
                assertThat(last.path("visibility").asString()).isEqualTo("CUSTOMER");
                assertThat(last.path("text").asString()).startsWith("We double-charged you.");
                var event = events.await(id, "amends.case.acknowledged.v1", 1, Duration.ofSeconds(20))
                        .getFirst()
                        .path("data");
                assertThat(event.path("acknowledgedBy").asString()).isEqualTo("agent1");
                assertThat(event.path("withinSla").asBoolean()).isTrue();
                assertThat(event.path("caseVersion").asLong()).isEqualTo(2);
            }
        }
    }

    @Nested
    class Listing {

        @Test
        void listPagesNewestFirstWithAnOpaqueCursor() {
            var product = "paging-" + UUID.randomUUID();
            var ids = new ArrayList<String>();
            for (int i = 0; i < 5; i++) {
                ids.add(open(CaseMother.json(b -> {
                    b.put("product", product);
                    b.put("errorKind", "COMMUNICATION");
                    b.put("channel", "CHAT");
                })));
            }
            var seen = new ArrayList<String>();
            String cursor = null;
            do {
                var page = api().get(
                                "/api/cases?channel=CHAT&errorKind=COMMUNICATION&limit=2"
                                        + (cursor == null ? "" : "&cursor=" + cursor),
                                AGENT)
                        .json();
                page.path("items").forEach(c -> {
                    if (c.path("product").asString().equals(product)) {
                        seen.add(c.path("id").asString());
                    }
                });
                cursor = page.path("next").isNull() ? null : page.path("next").asString();
            } while (cursor != null);

            assertThat(seen).containsExactlyElementsOf(ids.reversed());
        }

        @Test
        void anUnknownFilterValueIsAValidationProblem() {
            var response = api().get("/api/cases?status=LOST&limit=1000", AGENT);

            assertThat(response.status()).isEqualTo(400);
            var fields = new ArrayList<String>();
            response.json()
                    .path("errors")
                    .forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).containsExactlyInAnyOrder("status", "limit");
        }
    }
}
