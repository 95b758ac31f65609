package org.amends.cases;

import static org.amends.cases.RemedyEventMother.awaitTrue;
import static org.amends.cases.RemedyEventMother.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.amends.cases.remedies.RemedyBatches;
import org.amends.testkit.EventTap;
import org.amends.testkit.Persona;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

class RemedyFollowingIT extends CaseServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Duration WAIT = Duration.ofSeconds(20);

    String acknowledgedCase() {
        var opened = api().post("/api/cases", AGENT, CaseMother.json());
        assertThat(opened.status()).isEqualTo(201);
        var id = opened.json().path("id").asString();
        assertThat(api().post("/api/cases/" + id + "/acknowledgement", AGENT, null)
                        .status())
                .isEqualTo(200);
        return id;
    }

    List<JsonNode> timeline(String caseId, String kind) {
        var entries = new java.util.ArrayList<JsonNode>();
        api().get("/api/cases/" + caseId + "/timeline", AGENT)
                .json()
                .path("entries")
                .forEach(e -> {
                    if (e.path("kind").asString().equals(kind)) {
                        entries.add(e);
                    }
                });
        return entries;
    }

    /** The kinds of the case's timeline entries, oldest first. */
    List<String> kinds(String caseId) {
        var kinds = new java.util.ArrayList<String>();
        api().get("/api/cases/" + caseId + "/timeline", AGENT)
                .json()
                .path("entries")
                .forEach(e -> kinds.add(e.path("kind").asString()));
        return kinds;
    }

    boolean applied(String event) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(RemedyEventMother.idOf(event))
                        .query(Long.class)
                        .single()
                == 1;
    }

    JsonNode theCase(String id) {
        return api().get("/api/cases/" + id, AGENT).json();
    }

    /** Exactly one {@code case.resolved} of the case is published, however long one waits after it. */
    static void assertResolvedOnce(EventTap events, String caseId) {
        events.await(caseId, "amends.case.resolved.v1", 1, WAIT);
        assertThat(events.settled(
                        e -> caseId.equals(e.path("subject").asString())
                                && e.path("type").asString().equals("amends.case.resolved.v1"),
                        Duration.ofSeconds(1)))
                .hasSize(1);
    }

    @Autowired
    ApplicationContext context;

    @Nested
    class TheTimeline {

        @Test
        void aDuplicatedRemedyEventIsRecordedOnce() {
            var caseId = acknowledgedCase();
            var offered = RemedyEventMother.event("amends.remedy.offered.v1", caseId, UUID.randomUUID());

            publish(offered);
            publish(offered);
            publish(offered);
            var marker = publish("amends.remedy.accepted.v1", caseId, UUID.randomUUID());

            awaitTrue("the later event applied", () -> applied(marker));
            awaitTrue("queue drained", () -> timeline(caseId, "REMEDY_ACCEPTED").size() == 1);
            assertThat(timeline(caseId, "REMEDY_OFFERED")).hasSize(1);
        }

        @Test
        void followingRemediesKeepsPlansThatReadByIndexAndOnlyUntilEachBatchCommits() throws Exception {
            var caseId = acknowledgedCase();
            // Thirty remedies offered and accepted, each pair applied before the next is sent: a batch takes what
            // waits, so each of the consumer's statements runs thirty times. It must run more than ten times on one
            // connection, and the pool may hand the consumer another while a scheduled task holds its last one (in
            // remedy-service's test of the same kind fifteen batches once split 8 / 7): thirty give one of two at
            // least fifteen.
            for (int i = 0; i < 30; i++) {
                var remedyId = UUID.randomUUID();
                publish("amends.remedy.offered.v1", caseId, remedyId);
                var accepted = publish("amends.remedy.accepted.v1", caseId, remedyId);
                awaitTrue("the pair applied", () -> applied(accepted));
            }

            PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(
                    dataSource, "INSERT INTO processed_events", "INSERT INTO case_remedies", "INSERT INTO timeline");
        }

        @Test
        void everyRemedyExampleOfTheCatalogueIsAppliedOnceEvenWhenDeliveredTwice() {
            var caseId = acknowledgedCase();
            var events = new java.util.ArrayList<String>();
            for (var type : org.amends.contracts.remedies.RemedyEvents.ALL) {
                var event = RemedyEventMother.event(type.type(), caseId, UUID.randomUUID());
                events.add(event);
                publish(event);
                publish(event);
            }

            awaitTrue("every example applied", () -> events.stream().allMatch(RemedyFollowingIT.this::applied));
            var kinds = kinds(caseId);
            assertThat(kinds.stream().filter(k -> k.startsWith("REMEDY_")))
                    .containsExactly(
                            "REMEDY_PROPOSED",
                            "REMEDY_APPROVED",
                            "REMEDY_REJECTED",
                            "REMEDY_OFFERED",
                            "REMEDY_ACCEPTED",
                            "REMEDY_DECLINED",
                            "REMEDY_FULFILLING",
                            "REMEDY_FULFILLED",
                            "REMEDY_FAILED");
        }

        @Test
        void theOfferIsToldToTheCustomerInPlainWordsAndTheApprovalStaysInternal() {
            var caseId = acknowledgedCase();
            var remedyId = UUID.randomUUID();

            publish("amends.remedy.proposed.v1", caseId, remedyId);
            publish("amends.remedy.approved.v1", caseId, remedyId);
            var offered = publish("amends.remedy.offered.v1", caseId, remedyId);

            awaitTrue("offer applied", () -> applied(offered));
            var offer = timeline(caseId, "REMEDY_OFFERED").getFirst();
            assertThat(offer.path("visibility").asString()).isEqualTo("CUSTOMER");
            assertThat(offer.path("text").asString()).contains("a credit of 15.00 EUR");
            assertThat(timeline(caseId, "REMEDY_PROPOSED")
                            .getFirst()
                            .path("visibility")
                            .asString())
                    .isEqualTo("INTERNAL");
            assertThat(timeline(caseId, "REMEDY_APPROVED")
                            .getFirst()
                            .path("visibility")
                            .asString())
                    .isEqualTo("INTERNAL");
        }

        @Test
        void anEventForACaseThisServiceDoesNotHaveIsSkipped() {
            var event = publish("amends.remedy.offered.v1", UUID.randomUUID().toString(), UUID.randomUUID());

            awaitTrue("applied (as nothing to do)", () -> applied(event));
            assertThat(jdbc.sql("SELECT count(*) FROM case_remedies WHERE remedy_id = ?")
                            .param(UUID.fromString(ServiceApi.JSON
                                    .readTree(event)
                                    .at("/data/remedyId")
                                    .asString()))
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class OneBatch {

        @Test
        void remediesWholeLivesInOneBatchAreToldInOrderWithWhatEarlierStepsBroughtAndResolveTheCaseOnce() {
            try (var events = tapEvents()) {
                var caseId = acknowledgedCase();
                var credit = UUID.randomUUID();
                var refund = UUID.randomUUID();
                var sent = List.of(
                        RemedyEventMother.event("amends.remedy.proposed.v1", caseId, credit),
                        RemedyEventMother.event("amends.remedy.approved.v1", caseId, credit),
                        RemedyEventMother.event("amends.remedy.offered.v1", caseId, credit),
                        RemedyEventMother.event("amends.remedy.accepted.v1", caseId, credit),
                        RemedyEventMother.event("amends.remedy.proposed.v1", caseId, refund),
                        RemedyEventMother.event("amends.remedy.accepted.v1", caseId, refund),
                        RemedyEventMother.event("amends.remedy.fulfilled.v1", caseId, credit),
                        RemedyEventMother.event("amends.remedy.fulfilled.v1", caseId, refund));
                RemedyBatches.apply(context, sent);

                assertThat(sent).allMatch(RemedyFollowingIT.this::applied);
                assertThat(jdbc.sql("SELECT count(DISTINCT received_at) FROM processed_events WHERE event_id = ANY (?)")
                                .param(sent.stream()
                                        .map(RemedyEventMother::idOf)
                                        .toArray(UUID[]::new))
                                .query(Long.class)
                                .single())
                        .as("applied in one transaction")
                        .isEqualTo(1);
                var kinds = kinds(caseId);
                assertThat(kinds.stream().filter(k -> k.startsWith("REMEDY_") || k.equals("RESOLVED")))
                        .containsExactly(
                                "REMEDY_PROPOSED",
                                "REMEDY_APPROVED",
                                "REMEDY_OFFERED",
                                "REMEDY_ACCEPTED",
                                "REMEDY_PROPOSED",
                                "REMEDY_ACCEPTED",
                                "REMEDY_FULFILLED",
                                "REMEDY_FULFILLED",
                                "RESOLVED");
                // The fulfilment events carry neither type nor amount: the proposals earlier in the batch brought them.
                assertThat(timeline(caseId, "REMEDY_FULFILLED"))
                        .hasSize(2)
                        .allSatisfy(e -> assertThat(e.path("text").asString())
                                .isEqualTo("Done: a credit of 15.00 EUR has been delivered to you."));
                assertThat(jdbc.sql("SELECT state FROM case_remedies WHERE case_id = ? ORDER BY state")
                                .param(UUID.fromString(caseId))
                                .query(String.class)
                                .list())
                        .containsExactly("FULFILLED", "FULFILLED");
                assertThat(theCase(caseId).path("status").asString()).isEqualTo("RESOLVED");
                assertResolvedOnce(events, caseId);
            }
        }
    }

    @Nested
    class Resolution {

        @Test
        void theCaseResolvesOnceEveryAcceptedRemedyIsFulfilled() {
            try (var events = tapEvents()) {
                var caseId = acknowledgedCase();
                var credit = UUID.randomUUID();
                var refund = UUID.randomUUID();
                var declined = UUID.randomUUID();
                publish("amends.remedy.offered.v1", caseId, credit);
                publish("amends.remedy.offered.v1", caseId, refund);
                publish("amends.remedy.offered.v1", caseId, declined);
                publish("amends.remedy.accepted.v1", caseId, credit);
                publish("amends.remedy.accepted.v1", caseId, refund);
                publish("amends.remedy.declined.v1", caseId, declined);

                var first = publish("amends.remedy.fulfilled.v1", caseId, credit);
                awaitTrue("first fulfilment applied", () -> applied(first));
                assertThat(theCase(caseId).path("status").asString()).isEqualTo("ACKNOWLEDGED");

                var second = publish("amends.remedy.fulfilled.v1", caseId, refund);
                awaitTrue("second fulfilment applied", () -> applied(second));

                var resolved = theCase(caseId);
                assertThat(resolved.path("status").asString()).isEqualTo("RESOLVED");
                assertThat(resolved.at("/rootCause/code").asString()).isEqualTo("REMEDY-FULFILLED");
                var event =
                        events.await(caseId, "amends.case.resolved.v1", 1, WAIT).getFirst();
                assertThat(event.at("/data/resolvedBy").asString()).isEqualTo("remedy-service");
                assertThat(event.at("/data/rootCauseCode").asString()).isEqualTo("REMEDY-FULFILLED");
                assertThat(timeline(caseId, "REMEDY_FULFILLED"))
                        .hasSize(2)
                        .allSatisfy(
                                e -> assertThat(e.path("visibility").asString()).isEqualTo("CUSTOMER"));
            }
        }

        @Test
        void aCaseAnAgentAlreadyResolvedStaysAsTheAgentResolvedIt() {
            try (var events = tapEvents()) {
                var caseId = acknowledgedCase();
                var remedyId = UUID.randomUUID();
                publish("amends.remedy.accepted.v1", caseId, remedyId);
                assertThat(api().post(
                                        "/api/cases/" + caseId + "/resolution",
                                        AGENT,
                                        "{\"rootCauseCode\":\"BILLING-RUN-DOUBLE-CHARGE\",\"summary\":\"Ran twice.\"}")
                                .status())
                        .isEqualTo(200);

                var fulfilled = publish("amends.remedy.fulfilled.v1", caseId, remedyId);
                awaitTrue("fulfilment applied", () -> applied(fulfilled));

                assertThat(theCase(caseId).at("/rootCause/code").asString()).isEqualTo("BILLING-RUN-DOUBLE-CHARGE");
                assertResolvedOnce(events, caseId);
            }
        }
    }

    @Nested
    class Escalation {

        @Test
        void aFailedRemedyEscalatesTheCaseAndTellsTheCustomerWithoutTheInternalReason() {
            var caseId = acknowledgedCase();
            var remedyId = UUID.randomUUID();
            publish("amends.remedy.offered.v1", caseId, remedyId);
            publish("amends.remedy.accepted.v1", caseId, remedyId);
            assertThat(theCase(caseId).path("escalated").asBoolean()).isFalse();

            var failed = publish("amends.remedy.failed.v1", caseId, remedyId);
            awaitTrue("failure applied", () -> applied(failed));

            var escalated = theCase(caseId);
            assertThat(escalated.path("escalated").asBoolean()).isTrue();
            assertThat(escalated.path("status").asString()).isEqualTo("ACKNOWLEDGED");
            var told = timeline(caseId, "REMEDY_FAILED").getFirst();
            assertThat(told.path("visibility").asString()).isEqualTo("CUSTOMER");
            assertThat(told.path("text").asString()).contains("supervisor").doesNotContain("HTTP 503");
            var internal = timeline(caseId, "ESCALATED").getFirst();
            assertThat(internal.path("visibility").asString()).isEqualTo("INTERNAL");
            assertThat(internal.path("text").asString()).contains("HTTP 503");
        }
    }
}
