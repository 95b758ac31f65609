package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class RemedyLifecycleIT extends RemedyServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Persona SUPERVISOR = Persona.supervisor("super1");
    static final Persona ADMIN = Persona.admin("admin1");
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    List<JsonNode> remediesOf(UUID caseId) {
        var found = awaitValue(() -> {
            var response = api.get("/api/cases/" + caseId + "/remedies", AGENT);
            return response.status() == 200 && response.json().size() > 0 ? response : null;
        });
        var list = new java.util.ArrayList<JsonNode>();
        found.json().forEach(list::add);
        return list;
    }

    JsonNode remedyOf(UUID caseId, String type) {
        return remediesOf(caseId).stream()
                .filter(r -> r.path("type").asString().equals(type))
                .findFirst()
                .orElseThrow();
    }

    /** Opens a case with an apology only (LOW severity) and has an agent propose a remedy for it. */
    JsonNode proposedByAgent(String errorKind, String type, long minorUnits) {
        var caseId = CaseMother.open(rabbit, errorKind, "LOW");
        remediesOf(caseId);
        var response = api.post("/api/cases/" + caseId + "/remedies", AGENT, """
                {"type": "%s", "amountMinorUnits": %d, "currency": "EUR"}""".formatted(type, minorUnits));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void everyConnectionPlansEachStatementForItsOwnParametersAndTheTableAsItIsNow() {
        // A generic plan cached while a table was nearly empty kept scanning it whole once it had grown.
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                    .isEqualTo("force_custom_plan");
        }
    }

    @Nested
    class OnACaseOpened {

        @Test
        void theRemediesThePolicySuggestsAreProposedApprovedAndOfferedWhenSmall() {
            var caseId = CaseMother.open(rabbit, "CALCULATION", "HIGH");

            var proposed = events.await(caseId.toString(), "amends.remedy.proposed.v1", 2, WAIT);
            var policyVersion = api.get("/api/remedies/policies", AGENT)
                    .json()
                    .path("version")
                    .asInt();
            var offered = events.await(caseId.toString(), "amends.remedy.offered.v1", 2, WAIT);

            assertThat(proposed)
                    .extracting(e -> e.path("data").path("remedyType").asString())
                    .containsExactlyInAnyOrder("APOLOGY", "FEE_WAIVER");
            assertThat(proposed).allSatisfy(e -> {
                assertThat(e.path("source").asString()).isEqualTo("/remedy-service");
                assertThat(e.path("data").path("origin").asString()).isEqualTo("POLICY");
                assertThat(e.path("data").path("policyVersion").asInt()).isEqualTo(policyVersion);
            });
            var feeWaiver = proposed.stream()
                    .filter(e -> e.path("data").path("remedyType").asString().equals("FEE_WAIVER"))
                    .findFirst()
                    .orElseThrow();
            assertThat(feeWaiver.path("data").path("amountMinorUnits").asLong()).isEqualTo(1500);
            assertThat(feeWaiver.path("data").path("currency").asString()).isEqualTo("EUR");
            assertThat(events.await(caseId.toString(), "amends.remedy.approved.v1", 2, WAIT))
                    .allSatisfy(e -> assertThat(e.path("data").path("automatic").asBoolean())
                            .isTrue());
            assertThat(offered).hasSize(2);
            assertThat(remediesOf(caseId))
                    .allSatisfy(r -> assertThat(r.path("state").asString()).isEqualTo("OFFERED"));
        }

        @Test
        void aRemedyAboveTheAgentLimitWaitsForASupervisor() {
            var caseId = CaseMother.open(rabbit, "EXECUTION", "CRITICAL");

            var proposed = events.await(caseId.toString(), "amends.remedy.proposed.v1", 3, WAIT);

            var credit = proposed.stream()
                    .filter(e -> e.path("data").path("remedyType").asString().equals("CREDIT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(credit.path("data").path("requiredApproval").asString()).isEqualTo("SUPERVISOR");
            assertThat(remedyOf(caseId, "CREDIT").path("state").asString()).isEqualTo("PROPOSED");
            assertThat(remedyOf(caseId, "EXPEDITE").path("state").asString()).isEqualTo("OFFERED");
        }

        @Test
        void theSameEventDeliveredTwiceProposesOnce() {
            var caseId = UUID.randomUUID();
            var event = CaseMother.opened(caseId, UUID.randomUUID(), "MEASUREMENT", "MEDIUM");

            CaseMother.publish(rabbit, CaseEvents.OPENED.routingKey(), event);
            CaseMother.publish(rabbit, CaseEvents.OPENED.routingKey(), event);
            events.await(caseId.toString(), "amends.remedy.offered.v1", 2, WAIT);

            var proposed = events.settled(
                    e -> e.path("subject").asString().equals(caseId.toString())
                            && e.path("type").asString().equals("amends.remedy.proposed.v1"),
                    Duration.ofSeconds(2));
            assertThat(proposed).hasSize(2);
            assertThat(remediesOf(caseId)).hasSize(2);
        }
    }

    @Nested
    class Approval {

        @Test
        void aSupervisorApprovesWithinTheSupervisorLimitAndTheRemedyIsOffered() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 5000);
            assertThat(remedy.path("requiredApproval").asString()).isEqualTo("SUPERVISOR");
            assertThat(UUID.fromString(remedy.path("id").asString()).version())
                    .as("a time-ordered id (TimeOrderedIds)")
                    .isEqualTo(7);

            var approved = api.post("/api/remedies/" + remedy.path("id").asString() + "/approval", SUPERVISOR, null);

            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().path("state").asString()).isEqualTo("OFFERED");
            // The case's apology approved itself too; pick this remedy's approval.
            var event = events.await(
                            e -> e.path("type").asString().equals("amends.remedy.approved.v1")
                                    && e.path("data")
                                            .path("remedyId")
                                            .asString()
                                            .equals(remedy.path("id").asString()),
                            1,
                            WAIT)
                    .getFirst();
            assertThat(event.path("data").path("approvedBy").asString()).isEqualTo("super1");
            assertThat(event.path("data").path("automatic").asBoolean()).isFalse();
            events.await(remedy.path("caseId").asString(), "amends.remedy.offered.v1", 1, WAIT);
        }

        @Test
        void anAgentApprovingAboveTheirLimitGetsA403AndNothingChanges() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 5000);

            var response = api.post("/api/remedies/" + remedy.path("id").asString() + "/approval", AGENT, null);

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/forbidden");
            assertThat(api.get("/api/remedies/" + remedy.path("id").asString(), AGENT)
                            .json()
                            .path("state")
                            .asString())
                    .isEqualTo("PROPOSED");
        }

        @Test
        void aSupervisorApprovingAboveTheSupervisorLimitGetsA403AndAnAdminMayApprove() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 50000);
            assertThat(remedy.path("requiredApproval").asString()).isEqualTo("ADMIN");
            var id = remedy.path("id").asString();

            assertThat(api.post("/api/remedies/" + id + "/approval", SUPERVISOR, null)
                            .status())
                    .isEqualTo(403);
            assertThat(api.post("/api/remedies/" + id + "/approval", ADMIN, null)
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aRemedySmallerThanTheAgentLimitIsApprovedAutomatically() {
            var remedy = proposedByAgent("CONCEPT", "GOODWILL", 1999);

            assertThat(remedy.path("requiredApproval").asString()).isEqualTo("AUTOMATIC");
            assertThat(remedy.path("state").asString()).isEqualTo("OFFERED");
        }

        @Test
        void aRejectionCarriesItsReason() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 5000);
            var id = remedy.path("id").asString();

            var withoutReason = api.post("/api/remedies/" + id + "/rejection", SUPERVISOR, "{}");
            var rejected = api.post(
                    "/api/remedies/" + id + "/rejection", SUPERVISOR, "{\"reason\": \"already refunded by the shop\"}");

            assertThat(withoutReason.status()).isEqualTo(400);
            assertThat(withoutReason.problemType()).isEqualTo("https://amends.org/problems/validation");
            assertThat(rejected.status()).isEqualTo(200);
            assertThat(rejected.json().path("state").asString()).isEqualTo("REJECTED");
            var event = events.await(remedy.path("caseId").asString(), "amends.remedy.rejected.v1", 1, WAIT)
                    .getFirst();
            assertThat(event.path("data").path("reason").asString()).isEqualTo("already refunded by the shop");
        }

        @Test
        void aRemedyThatWouldExceedItsErrorKindsMonthlyBudgetNeedsAnAdmin() {
            // The tests give COMMUNICATION a budget of 50.00 EUR; each 15.00 credit approves itself until the budget is
            // near.
            for (int i = 0; i < 3; i++) {
                assertThat(proposedByAgent("COMMUNICATION", "CREDIT", 1500)
                                .path("state")
                                .asString())
                        .isEqualTo("OFFERED");
            }

            var overBudget = proposedByAgent("COMMUNICATION", "CREDIT", 1500);
            var id = overBudget.path("id").asString();

            assertThat(overBudget.path("requiredApproval").asString()).isEqualTo("ADMIN");
            assertThat(overBudget.path("state").asString()).isEqualTo("PROPOSED");
            assertThat(api.post("/api/remedies/" + id + "/approval", SUPERVISOR, null)
                            .status())
                    .isEqualTo(403);
            assertThat(api.post("/api/remedies/" + id + "/approval", ADMIN, null)
                            .status())
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT used_minor FROM budget_usage WHERE error_kind = 'COMMUNICATION'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(6000);
        }
    }

    @Nested
    class IllegalSteps {

        @Test
        void approvingTwiceIsAConflict() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 1000);

            var response = api.post("/api/remedies/" + remedy.path("id").asString() + "/approval", SUPERVISOR, null);

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/illegal-transition");
        }

        @Test
        void acceptingAProposedRemedyIsAConflict() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 5000);

            var response = api.post("/api/remedies/" + remedy.path("id").asString() + "/acceptance", AGENT, null);

            assertThat(response.status()).isEqualTo(409);
        }

        @Test
        void decliningAfterAcceptingIsAConflict() {
            var remedy = proposedByAgent("CONCEPT", "EXPEDITE", 0);
            var id = remedy.path("id").asString();

            assertThat(api.post("/api/remedies/" + id + "/acceptance", AGENT, null)
                            .status())
                    .isEqualTo(200);
            var response = api.post("/api/remedies/" + id + "/declination", AGENT, null);

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/illegal-transition");
        }

        @Test
        void anUnknownRemedyIsA404() {
            var response = api.post("/api/remedies/" + UUID.randomUUID() + "/approval", ADMIN, null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/not-found");
        }
    }

    @Nested
    class TheCustomersAnswer {

        /** The case-service example of {@code type} about this remedy, as the status page publishes it. */
        String answer(String type, JsonNode remedy) {
            var json = tools.jackson.databind.json.JsonMapper.builder().build();
            var event = (tools.jackson.databind.node.ObjectNode)
                    json.readTree(org.amends.testkit.EventSchemas.examples().get(type));
            event.put("id", UUID.randomUUID().toString());
            event.put("subject", remedy.path("caseId").asString());
            var data = (tools.jackson.databind.node.ObjectNode) event.get("data");
            data.put("caseId", remedy.path("caseId").asString());
            data.put("remedyId", remedy.path("id").asString());
            return json.writeValueAsString(event);
        }

        String stateOf(JsonNode remedy, String wanted) {
            return awaitValue(() -> {
                var state = api.get("/api/remedies/" + remedy.path("id").asString(), AGENT)
                        .json()
                        .path("state")
                        .asString();
                return state.equals(wanted) ? state : null;
            });
        }

        @Test
        void theCustomersAcceptanceFromTheStatusPageStartsFulfilmentOnceEvenWhenDeliveredTwice() {
            var remedy = proposedByAgent("CONCEPT", "EXPEDITE", 0);
            var accepted = answer(CaseEvents.REMEDY_ACCEPTED.type(), remedy);

            CaseMother.publish(rabbit, CaseEvents.REMEDY_ACCEPTED.routingKey(), accepted);
            CaseMother.publish(rabbit, CaseEvents.REMEDY_ACCEPTED.routingKey(), accepted);

            assertThat(stateOf(remedy, "FULFILLING")).isEqualTo("FULFILLING");
            var acceptedEvents = events.await(remedy.path("caseId").asString(), "amends.remedy.accepted.v1", 1, WAIT);
            assertThat(acceptedEvents.getFirst().path("data").path("acceptedBy").asString())
                    .isEqualTo("customer");
            assertThat(events.settled(
                            e -> e.path("type").asString().equals("amends.remedy.accepted.v1")
                                    && e.path("subject")
                                            .asString()
                                            .equals(remedy.path("caseId").asString()),
                            Duration.ofSeconds(1)))
                    .hasSize(1);
        }

        @Test
        void theCustomersDeclinationFromTheStatusPageDeclinesTheOffer() {
            var remedy = proposedByAgent("CONCEPT", "GOODWILL", 500);

            CaseMother.publish(
                    rabbit, CaseEvents.REMEDY_DECLINED.routingKey(), answer(CaseEvents.REMEDY_DECLINED.type(), remedy));

            assertThat(stateOf(remedy, "DECLINED")).isEqualTo("DECLINED");
            var declined = events.await(remedy.path("caseId").asString(), "amends.remedy.declined.v1", 1, WAIT);
            assertThat(declined.getFirst().path("data").path("declinedBy").asString())
                    .isEqualTo("customer");
        }

        @Test
        void anAnswerForARemedyNoLongerOfferedChangesNothing() {
            var remedy = proposedByAgent("CONCEPT", "GOODWILL", 500);
            var id = remedy.path("id").asString();
            assertThat(api.post("/api/remedies/" + id + "/declination", AGENT, null)
                            .status())
                    .isEqualTo(200);
            var late = answer(CaseEvents.REMEDY_ACCEPTED.type(), remedy);

            CaseMother.publish(rabbit, CaseEvents.REMEDY_ACCEPTED.routingKey(), late);

            var lateId = UUID.fromString(jsonId(late));
            awaitValue(() -> jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                                    .param(lateId)
                                    .query(Long.class)
                                    .single()
                            == 1
                    ? Boolean.TRUE
                    : null);
            assertThat(api.get("/api/remedies/" + id, AGENT)
                            .json()
                            .path("state")
                            .asString())
                    .isEqualTo("DECLINED");
        }

        @Test
        void aDeclinedOfferIsRecorded() {
            var remedy = proposedByAgent("CONCEPT", "GOODWILL", 500);

            var response = api.post("/api/remedies/" + remedy.path("id").asString() + "/declination", AGENT, null);

            assertThat(response.json().path("state").asString()).isEqualTo("DECLINED");
            events.await(remedy.path("caseId").asString(), "amends.remedy.declined.v1", 1, WAIT);
        }

        @Test
        void anAcceptedDirectRemedyWaitsForSupportToConfirmIt() {
            var remedy = proposedByAgent("CONCEPT", "EXPEDITE", 0);
            var id = remedy.path("id").asString();

            var accepted = api.post("/api/remedies/" + id + "/acceptance", AGENT, null);
            var fulfilled =
                    api.post("/api/remedies/" + id + "/fulfilment", AGENT, "{\"reference\": \"shipped by express\"}");

            assertThat(accepted.json().path("state").asString()).isEqualTo("FULFILLING");
            assertThat(fulfilled.json().path("state").asString()).isEqualTo("FULFILLED");
            var event = events.await(remedy.path("caseId").asString(), "amends.remedy.fulfilled.v1", 1, WAIT)
                    .getFirst();
            assertThat(event.path("data").path("channel").asString()).isEqualTo("DIRECT");
        }
    }

    @Nested
    class Access {

        @Test
        void aPartnerCannotWorkRemedies() {
            var remedy = proposedByAgent("CONCEPT", "CREDIT", 5000);

            var response = api.post(
                    "/api/remedies/" + remedy.path("id").asString() + "/approval",
                    Persona.partner("acme-partner"),
                    null);

            assertThat(response.status()).isEqualTo(403);
        }

        @Test
        void anAgentCannotProposeForACaseThisServiceHasNotSeen() {
            var response = api.post(
                    "/api/cases/" + UUID.randomUUID() + "/remedies",
                    AGENT,
                    "{\"type\": \"CREDIT\", \"amountMinorUnits\": 100, \"currency\": \"EUR\"}");

            assertThat(response.status()).isEqualTo(404);
        }

        @Test
        void aProposalWithAFloatingPointAmountOrAnUnknownCurrencyIsRefusedFieldByField() {
            var caseId = CaseMother.open(rabbit, "CONCEPT", "LOW");
            remediesOf(caseId);

            var floating = api.post(
                    "/api/cases/" + caseId + "/remedies",
                    AGENT,
                    "{\"type\": \"CREDIT\", \"amountMinorUnits\": 10.5, \"currency\": \"EUR\"}");
            var currency = api.post(
                    "/api/cases/" + caseId + "/remedies",
                    AGENT,
                    "{\"type\": \"CREDIT\", \"amountMinorUnits\": 100, \"currency\": \"XYZ\"}");

            assertThat(floating.status()).isEqualTo(400);
            assertThat(currency.status()).isEqualTo(400);
            assertThat(currency.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("currency");
        }
    }

    static <T> T awaitValue(Supplier<T> value) {
        var deadline = java.time.Instant.now().plus(WAIT);
        while (java.time.Instant.now().isBefore(deadline)) {
            var found = value.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("nothing within " + WAIT);
    }

    private static String jsonId(String event) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(event)
                .path("id")
                .asString();
    }
}
