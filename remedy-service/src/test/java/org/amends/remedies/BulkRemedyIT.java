package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An incident's bulk remedy against the real servers: the rule, its preview against the budgets, one approval. */
class BulkRemedyIT extends RemedyServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Persona ANALYST = Persona.analyst("analyst1");
    static final Persona PARTNER = Persona.partner("acme-partner");
    static final Persona SUPERVISOR = Persona.supervisor("super1");
    static final Persona ADMIN = Persona.admin("admin1");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CONCERNED_REFUND = "{\"type\": \"REFUND\", \"basis\": \"AMOUNT_CONCERNED\"}";

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    long linked(UUID incidentId) {
        return jdbc.sql("SELECT count(*) FROM cases WHERE incident_id = ?")
                .param(incidentId)
                .query(Long.class)
                .single();
    }

    void awaitLinked(UUID incidentId, long count) {
        await().atMost(WAIT).until(() -> linked(incidentId) == count);
    }

    /** The remedies of the case that the incident's rule gave (its type), as the API lists them. */
    long ruleRemedies(UUID caseId, String type) {
        var list = api.get("/api/cases/" + caseId + "/remedies", AGENT).json();
        return list.valueStream()
                .filter(r -> r.path("type").asString().equals(type))
                .count();
    }

    long servedCases(UUID incidentId) {
        return jdbc.sql("SELECT count(*) FROM incident_remedies WHERE incident_id = ? AND remedy_id IS NOT NULL")
                .param(incidentId)
                .query(Long.class)
                .single();
    }

    @Nested
    class OneApprovalForTheWholeIncident {

        @Test
        void thePreviewTotalsTheAmountsConcernedAndTheApprovalGivesEachLinkedCaseOneRemedyOffered() {
            var incident = UUID.randomUUID();
            var first = CaseMother.openForIncident(rabbit, incident, "EXECUTION", 1500L);
            var second = CaseMother.openForIncident(rabbit, incident, "EXECUTION", 2500L);
            var withoutAmount = CaseMother.openForIncident(rabbit, incident, "EXECUTION", null);
            var otherIncident = CaseMother.openForIncident(rabbit, UUID.randomUUID(), "EXECUTION", 9900L);
            awaitLinked(incident, 3);

            var set = api.put("/api/incidents/" + incident + "/remedy-rule", SUPERVISOR, CONCERNED_REFUND);
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            var preview = api.get("/api/incidents/" + incident + "/remedy-rule/preview", ANALYST);

            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            var p = preview.json();
            assertThat(p.path("linkedCases").asLong()).isEqualTo(3);
            assertThat(p.path("pendingCases").asLong()).isEqualTo(3);
            assertThat(p.path("withoutAmount").asLong()).isEqualTo(1);
            assertThat(p.at("/totals/0/currency").asString()).isEqualTo("EUR");
            assertThat(p.at("/totals/0/cases").asLong()).isEqualTo(2);
            assertThat(p.at("/totals/0/totalMinorUnits").asLong()).isEqualTo(4000);
            var budget = p.at("/budgets/0");
            assertThat(budget.path("errorKind").asString()).isEqualTo("EXECUTION");
            assertThat(budget.path("ruleMinorUnits").asLong()).isEqualTo(4000);
            assertThat(budget.path("remainingAfterMinorUnits").asLong())
                    .isEqualTo(budget.path("monthlyBudgetMinorUnits").asLong()
                            - budget.path("usedMinorUnits").asLong()
                            - 4000);
            assertThat(p.path("fitsBudgets").asBoolean()).isTrue();
            assertThat(servedCases(incident)).isZero();
            // The incident's cases wait for its rule: the per-case policy (an apology for every error kind) proposes
            // nothing for them.
            assertThat(api.get("/api/cases/" + first + "/remedies", AGENT)
                            .json()
                            .size())
                    .isZero();

            var approved = api.post("/api/incidents/" + incident + "/remedy-rule/approval", ADMIN, null);

            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().path("approvedBy").asString()).isEqualTo("admin1");
            // One offer each: the rule's refund (no policy apology beside it).
            var offered = events.await(first.toString(), "amends.remedy.offered.v1", 1, WAIT);
            assertThat(offered)
                    .anySatisfy(e ->
                            assertThat(e.at("/data/amountMinorUnits").asLong()).isEqualTo(1500));
            assertThat(events.await(second.toString(), "amends.remedy.offered.v1", 1, WAIT))
                    .anySatisfy(e ->
                            assertThat(e.at("/data/amountMinorUnits").asLong()).isEqualTo(2500));
            var approvedEvents = events.await(
                    e -> e.path("subject").asString().equals(first.toString())
                            && e.path("type").asString().equals("amends.remedy.approved.v1")
                            && e.at("/data/approvedBy").asString().equals("admin1"),
                    1,
                    WAIT);
            assertThat(approvedEvents).hasSize(1);
            await().atMost(WAIT).until(() -> servedCases(incident) == 2);
            assertThat(ruleRemedies(first, "REFUND")).isEqualTo(1);
            assertThat(ruleRemedies(second, "REFUND")).isEqualTo(1);
            assertThat(ruleRemedies(first, "APOLOGY")).isZero();
            assertThat(ruleRemedies(withoutAmount, "REFUND")).isZero();
            assertThat(ruleRemedies(otherIncident, "REFUND")).isZero();

            // Approving again, and the same case announced again, give nobody a second remedy.
            assertThat(api.post("/api/incidents/" + incident + "/remedy-rule/approval", ADMIN, null)
                            .status())
                    .isEqualTo(200);
            var late = CaseMother.openForIncident(rabbit, incident, "EXECUTION", 700L);
            await().atMost(WAIT).until(() -> servedCases(incident) == 3);
            assertThat(ruleRemedies(late, "REFUND")).isEqualTo(1);
            var after = api.get("/api/incidents/" + incident + "/remedy-rule/preview", SUPERVISOR)
                    .json();
            assertThat(after.path("remediesCreated").asLong()).isEqualTo(3);
            assertThat(after.path("skipped").asLong()).isEqualTo(1);
            assertThat(after.path("pendingCases").asLong()).isZero();
            assertThat(ruleRemedies(first, "REFUND")).isEqualTo(1);
            assertThat(ruleRemedies(second, "REFUND")).isEqualTo(1);
        }

        @Test
        void aCostOverTheBudgetIsRefusedUntilTheAdminSaysSoAndAnApprovedRuleChangesNoMore() {
            var incident = UUID.randomUUID();
            var first = CaseMother.openForIncident(rabbit, incident, "APPRECIATION", null);
            var second = CaseMother.openForIncident(rabbit, incident, "APPRECIATION", null);
            awaitLinked(incident, 2);
            // Two fixed credits of 6000.00 EUR: more than the whole 10000.00 EUR monthly budget of the error kind.
            var rule =
                    "{\"type\": \"CREDIT\", \"basis\": \"FIXED\", \"amountMinorUnits\": 600000, \"currency\": \"EUR\"}";
            assertThat(api.put("/api/incidents/" + incident + "/remedy-rule", SUPERVISOR, rule)
                            .status())
                    .isEqualTo(200);

            var preview = api.get("/api/incidents/" + incident + "/remedy-rule/preview", SUPERVISOR)
                    .json();
            assertThat(preview.at("/totals/0/totalMinorUnits").asLong()).isEqualTo(1_200_000);
            assertThat(preview.path("fitsBudgets").asBoolean()).isFalse();
            var refused = api.post("/api/incidents/" + incident + "/remedy-rule/approval", ADMIN, null);

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("detail").asString()).contains("APPRECIATION");
            assertThat(api.get("/api/incidents/" + incident + "/remedy-rule/preview", SUPERVISOR)
                            .json()
                            .at("/rule/approvedAt")
                            .isNull())
                    .isTrue();

            var approved =
                    api.post("/api/incidents/" + incident + "/remedy-rule/approval", ADMIN, "{\"overBudget\": true}");

            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            await().atMost(WAIT).until(() -> servedCases(incident) == 2);
            assertThat(ruleRemedies(first, "CREDIT")).isEqualTo(1);
            assertThat(ruleRemedies(second, "CREDIT")).isEqualTo(1);
            var changed = api.put("/api/incidents/" + incident + "/remedy-rule", SUPERVISOR, CONCERNED_REFUND);
            assertThat(changed.status()).isEqualTo(409);
        }
    }

    @Nested
    class Roles {

        @Test
        void aRuleWaitsInTheAdminsInboxUntilItIsApproved() {
            var incident = UUID.randomUUID();
            var path = "/api/incidents/" + incident + "/remedy-rule";
            assertThat(api.put(path, SUPERVISOR, CONCERNED_REFUND).status()).isEqualTo(200);

            var waiting = api.get("/api/remedies/incident-rules", ADMIN);

            assertThat(waiting.status()).isEqualTo(200);
            assertThat(waiting.json()
                            .path("items")
                            .valueStream()
                            .map(r -> r.path("incidentId").asString()))
                    .contains(incident.toString());
            assertThat(waiting.json()
                            .path("items")
                            .valueStream()
                            .allMatch(r -> r.path("approvedAt").isNull()))
                    .isTrue();
            assertThat(api.get("/api/remedies/incident-rules", ANALYST).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/remedies/incident-rules", AGENT).status()).isEqualTo(403);
            assertThat(api.get("/api/remedies/incident-rules", PARTNER).status())
                    .isEqualTo(403);

            assertThat(api.post(path + "/approval", ADMIN, "{\"overBudget\": true}")
                            .status())
                    .isEqualTo(200);

            assertThat(api.get("/api/remedies/incident-rules", ADMIN)
                            .json()
                            .path("items")
                            .valueStream()
                            .map(r -> r.path("incidentId").asString()))
                    .doesNotContain(incident.toString());
        }

        @Test
        void aSupervisorSetsTheRuleStaffWhoJudgeCostPreviewItAndOnlyAnAdminApprovesIt() {
            var incident = UUID.randomUUID();
            var path = "/api/incidents/" + incident + "/remedy-rule";

            assertThat(api.put(path, AGENT, CONCERNED_REFUND).status()).isEqualTo(403);
            assertThat(api.put(path, PARTNER, CONCERNED_REFUND).status()).isEqualTo(403);
            assertThat(api.put(path, SUPERVISOR, CONCERNED_REFUND).status()).isEqualTo(200);
            assertThat(api.get(path + "/preview", AGENT).status()).isEqualTo(403);
            assertThat(api.get(path + "/preview", ANALYST).status()).isEqualTo(200);
            assertThat(api.post(path + "/approval", AGENT, null).status()).isEqualTo(403);
            assertThat(api.post(path + "/approval", SUPERVISOR, null).status()).isEqualTo(403);
            assertThat(api.post(path + "/approval", PARTNER, null).status()).isEqualTo(403);
            assertThat(api.get(path + "/preview", ANALYST)
                            .json()
                            .at("/rule/approvedAt")
                            .isNull())
                    .isTrue();
        }

        @Test
        void aBadRuleIsRefusedFieldByFieldAndWritesNothing() {
            var incident = UUID.randomUUID();
            var path = "/api/incidents/" + incident + "/remedy-rule";

            var bad = api.put(path, SUPERVISOR, "{\"type\": \"BRIBE\", \"basis\": \"FIXED\", \"currency\": \"XYZ\"}");

            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("type").contains("amountMinorUnits").contains("currency");
            assertThat(api.get(path + "/preview", SUPERVISOR).status()).isEqualTo(404);
        }
    }
}
