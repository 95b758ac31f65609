package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.insights.InsightEvents;
import org.amends.insight.Events.Case;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DetectionIT extends InsightServiceIT {

    static final Persona ANALYST = Persona.analyst("ana");

    final String product = "product-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    String problemOf(Case c) {
        publish(Events.opened(c));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !jdbc.sql("SELECT problem_id FROM cases WHERE case_id = :id")
                        .param("id", c.caseId())
                        .query(UUID.class)
                        .list()
                        .isEmpty());
        return jdbc.sql("SELECT problem_id FROM cases WHERE case_id = :id")
                .param("id", c.caseId())
                .query(UUID.class)
                .single()
                .toString();
    }

    boolean applied(Case c) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE case_id = :id AND opened_at IS NOT NULL")
                        .param("id", c.caseId())
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Nested
    class Recurrence {

        @Test
        void aCaseAfterTheGracePeriodOfADoneActionIsARecurrenceAndNoneBefore() {
            var problemId = problemOf(Case.of(product, "EXECUTION", now.minus(Duration.ofDays(3))));
            var planned = api.post("/api/insights/problems/" + problemId + "/corrective-actions", ANALYST, """
                    {"description": "Fix the rounding in the billing run", "owner": "billing-team", "dueDate": "2030-01-31"}""");
            assertThat(planned.status()).as(planned.body()).isEqualTo(201);
            var action = planned.json().path("actionId").asString();

            var beforeDone = Case.of(product, "EXECUTION", now.plus(Duration.ofHours(3)));
            publish(Events.opened(beforeDone));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(beforeDone));

            var done = api.send(
                    "PATCH",
                    "/api/insights/corrective-actions/" + action,
                    api.token(ANALYST),
                    "{\"status\": \"DONE\"}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);

            var withinGrace = Case.of(product, "EXECUTION", Instant.now().plus(Duration.ofMinutes(30)));
            publish(Events.opened(withinGrace));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(withinGrace));
            assertThat(recurrencesOf(problemId, Duration.ofSeconds(2))).isEmpty();
            assertThat(api.get("/api/insights/corrective-actions/" + action, ANALYST)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("DONE");

            var recurring = Case.of(product, "EXECUTION", Instant.now().plus(Duration.ofHours(2)));
            publish(Events.opened(recurring));

            var recurrence = events.await(
                            recurring.caseId().toString(),
                            InsightEvents.RECURRENCE_DETECTED.type(),
                            1,
                            Duration.ofSeconds(20))
                    .getFirst();
            assertThat(recurrence.path("source").asString()).isEqualTo("/insight-service");
            assertThat(recurrence.path("data").path("correctiveActionId").asString())
                    .isEqualTo(action);
            assertThat(recurrence.path("data").path("signature").asString()).isEqualTo(product + "/EXECUTION");
            assertThat(recurrence.path("data").path("recurrences").asLong()).isEqualTo(1);
            var after = api.get("/api/insights/corrective-actions/" + action, ANALYST)
                    .json();
            assertThat(after.path("status").asString()).isEqualTo("INEFFECTIVE");
            assertThat(after.path("recurrences").asLong()).isEqualTo(1);
            assertThat(api.get("/api/insights/alerts?kind=RECURRENCE", ANALYST).body())
                    .contains(recurring.caseId().toString());
            assertThat(recurrencesOf(problemId, Duration.ofSeconds(1))).hasSize(1);

            // Two more in one batch (one transaction, the action read and locked once): both counted, none announced.
            applyAsOneBatch(List.of(
                    Events.opened(Case.of(product, "EXECUTION", Instant.now().plus(Duration.ofHours(3)))),
                    Events.opened(Case.of(product, "EXECUTION", Instant.now().plus(Duration.ofHours(4))))));
            assertThat(api.get("/api/insights/corrective-actions/" + action, ANALYST)
                            .json()
                            .path("recurrences")
                            .asLong())
                    .isEqualTo(3);
            assertThat(recurrencesOf(problemId, Duration.ofSeconds(1))).hasSize(1);
        }

        @Test
        void aProblemIsLinkedToItsIncidentsAndACaseAfterTheIncidentsFixIsARecurrence() {
            var incident = UUID.randomUUID();
            // Linked by hand later: the incident comes on its acknowledgement, here before its opening.
            var linkedLater = Case.of(product, "CALCULATION", now.minus(Duration.ofDays(2)));
            publish(Events.acknowledged(linkedLater, 2, Duration.ofMinutes(5), incident));
            var problemId = problemOf(linkedLater);
            // A proactive case, opened for the incident; delivered twice.
            var proactive = Case.of(product, "CALCULATION", now.minus(Duration.ofDays(1)));
            publish(Events.opened(proactive, incident));
            publish(Events.opened(proactive, incident));
            var unrelated = Case.of(product, "CALCULATION", now.minus(Duration.ofHours(5)));
            publish(Events.opened(unrelated));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(proactive) && applied(unrelated));

            var problem = api.get("/api/insights/problems/" + problemId, ANALYST);

            assertThat(problem.status()).isEqualTo(200);
            assertThat(problem.json().path("incidents").size()).isEqualTo(1);
            assertThat(problem.json().at("/incidents/0/incidentId").asString()).isEqualTo(incident.toString());
            assertThat(problem.json().at("/incidents/0/cases").asLong()).isEqualTo(2);
            assertThat(problem.json().at("/problem/cases").asLong()).isEqualTo(3);

            // The incident is resolved with its fix: the analyst marks the linked problem's corrective action done.
            var planned = api.post("/api/insights/problems/" + problemId + "/corrective-actions", ANALYST, """
                    {"description": "Incident fixed: the billing run no longer charges twice", "owner": "billing", "dueDate": "2030-01-31"}""");
            assertThat(planned.status()).as(planned.body()).isEqualTo(201);
            var action = planned.json().path("actionId").asString();
            var done = api.send(
                    "PATCH",
                    "/api/insights/corrective-actions/" + action,
                    api.token(ANALYST),
                    "{\"status\": \"DONE\"}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);

            // The billing provider's list of affected customers arrives after the fix: their proactive cases are the
            // old mistake, reported late, not a recurrence of it.
            var listedLate = Case.of(product, "CALCULATION", Instant.now().plus(Duration.ofHours(1)))
                    .proactive();
            publish(Events.opened(listedLate, incident));
            var recurring = Case.of(product, "CALCULATION", Instant.now().plus(Duration.ofHours(2)));
            publish(Events.opened(recurring));

            var recurrence = events.await(
                            recurring.caseId().toString(),
                            InsightEvents.RECURRENCE_DETECTED.type(),
                            1,
                            Duration.ofSeconds(20))
                    .getFirst();
            assertThat(recurrence.path("data").path("problemId").asString()).isEqualTo(problemId);
            assertThat(recurrence.path("data").path("correctiveActionId").asString())
                    .isEqualTo(action);
            // Had the proactive case counted, it would have been the recurrence, and the action no longer DONE.
            assertThat(recurrencesOf(problemId, Duration.ofSeconds(1)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.path("subject").asString())
                            .isEqualTo(recurring.caseId().toString()));
        }

        private java.util.List<JsonNode> recurrencesOf(String problemId, Duration settle) {
            return events.settled(
                    e -> e.path("type").asString().equals(InsightEvents.RECURRENCE_DETECTED.type())
                            && e.path("data").path("problemId").asString().equals(problemId),
                    settle);
        }
    }

    @Nested
    class Spikes {

        boolean spikeOfThisProduct(JsonNode event) {
            return event.path("type").asString().equals(InsightEvents.SPIKE_DETECTED.type())
                    && event.path("data").path("product").asString().equals(product);
        }

        @Test
        void aBurstRaisesExactlyOneSpike() {
            var start = Instant.now().minus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 15; i++) {
                publish(Events.opened(Case.of(product, "CONCEPT", start.plusSeconds(i * 4L))));
            }

            var spikes = events.await(this::spikeOfThisProduct, 1, Duration.ofSeconds(20));
            var settled = events.settled(this::spikeOfThisProduct, Duration.ofSeconds(3));

            assertThat(settled).hasSize(1);
            var spike = spikes.getFirst();
            assertThat(spike.path("subject").asString())
                    .isEqualTo(spike.path("data").path("episodeId").asString());
            assertThat(spike.path("data").path("casesInWindow").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(spike.path("data").path("windowSeconds").asLong()).isEqualTo(300);
            assertThat(api.get("/api/insights/alerts?kind=SPIKE", ANALYST).body())
                    .contains(product + "/CONCEPT");
        }

        @Test
        void anIncidentsProactiveCasesRaiseNoSpikeAndStayOutOfTheSlots() {
            var incident = UUID.randomUUID();
            var start = Instant.now().minus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 15; i++) {
                publish(Events.opened(
                        Case.of(product, "EXECUTION", start.plusSeconds(i * 4L)).proactive(), incident));
            }
            // One case a customer filed, after the list: it counts, and it is applied after every proactive one.
            var filed = Case.of(product, "EXECUTION", start.plusSeconds(61));
            publish(Events.opened(filed));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(filed));

            assertThat(events.settled(this::spikeOfThisProduct, Duration.ofSeconds(3)))
                    .isEmpty();
            assertThat(casesInSlots(product + "/EXECUTION"))
                    .as("the filed case alone")
                    .isEqualTo(1);
            // The read model still holds them all: the problem's figures and its incident's cases.
            assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE product = :p AND incident_id = :i")
                            .param("p", product)
                            .param("i", incident)
                            .query(Long.class)
                            .single())
                    .isEqualTo(15);
        }

        @Test
        void steadyTrafficRaisesNone() {
            var start = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.SECONDS);
            Case last = null;
            for (int i = 0; i < 60; i++) {
                last = Case.of(product, "COMMUNICATION", start.plus(Duration.ofMinutes(2L * i)));
                publish(Events.opened(last));
            }
            var lastCase = last;
            await().atMost(Duration.ofSeconds(30)).until(() -> applied(lastCase));

            assertThat(events.settled(this::spikeOfThisProduct, Duration.ofSeconds(2)))
                    .isEmpty();
            var baseline = jdbc.sql("SELECT mean FROM spike_baselines WHERE signature = :s")
                    .param("s", product + "/COMMUNICATION")
                    .query(Double.class)
                    .single();
            assertThat(baseline).isBetween(1.0, 4.0);
        }
    }

    @Nested
    class Reputation {

        @Test
        void aLoudSocialComplaintRaisesTheRiskOnceWithItsReasons() {
            var loud = Case.of(product, "APPRECIATION", now).social(250_000, -0.8);

            publish(Events.opened(loud));
            publish(Events.acknowledged(loud, 2, Duration.ofMinutes(5)));

            var raised = events.await(
                            loud.caseId().toString(),
                            InsightEvents.REPUTATION_RISK_RAISED.type(),
                            1,
                            Duration.ofSeconds(20))
                    .getFirst();
            assertThat(raised.path("data").path("score").asInt()).isEqualTo(25 + 30 + 20);
            assertThat(raised.path("data").path("threshold").asInt()).isEqualTo(60);
            assertThat(raised.path("data").path("components").toString())
                    .contains("social channel", "audience of 250000");
            assertThat(events.settled(
                            e -> e.path("subject")
                                    .asString()
                                    .equals(loud.caseId().toString()),
                            Duration.ofSeconds(3)))
                    .hasSize(1);
        }

        @Test
        void quietAndResolvedCasesRaiseNothing() {
            var quiet = Case.of(product, "APPRECIATION", now);
            var resolvedLoud = Case.of(product, "APPRECIATION", now).social(250_000, -0.8);

            publish(Events.resolved(resolvedLoud, 2, "ROOT", Duration.ofMinutes(1)));
            // The resolution is applied before the late case.opened is sent: two sends may leave on different
            // channels of the pool (the service's relay shares it), and RabbitMQ orders messages per channel only.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("SELECT status FROM cases WHERE case_id = :id")
                            .param("id", resolvedLoud.caseId())
                            .query(String.class)
                            .optional()
                            .filter("RESOLVED"::equals)
                            .isPresent());
            publish(Events.opened(resolvedLoud));
            publish(Events.opened(quiet));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(quiet) && applied(resolvedLoud));

            assertThat(events.settled(
                            e -> e.path("type").asString().equals(InsightEvents.REPUTATION_RISK_RAISED.type())
                                    && (e.path("subject")
                                                    .asString()
                                                    .equals(quiet.caseId().toString())
                                            || e.path("subject")
                                                    .asString()
                                                    .equals(resolvedLoud
                                                            .caseId()
                                                            .toString())),
                            Duration.ofSeconds(3)))
                    .isEmpty();
        }
    }
}
