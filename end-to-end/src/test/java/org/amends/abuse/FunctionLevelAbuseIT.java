package org.amends.abuse;

import static org.amends.abuse.Abuse.PATIENCE;
import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.casesMarked;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.openCase;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.put;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Broken function-level authorisation (API5): an agent approving above the agent limit, a partner calling staff and
 * admin endpoints, an analyst changing cases: each gets a 403 problem and the record stays as it was.
 */
class FunctionLevelAbuseIT {

    @Test
    void anAgentCannotApproveAboveTheAgentLimitButASupervisorCan() {
        var agent = user("agent1");
        var caseId = openCase(acme(), marker());
        var proposed = Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> post(
                                "/api/cases/" + caseId + "/remedies",
                                agent,
                                "{\"type\":\"REFUND\",\"amountMinorUnits\":15000,\"currency\":\"EUR\"}"),
                        response -> response.statusCode() == 201);
        var remedy = json(proposed).path("id").asString();
        assertThat(json(proposed).path("state").asString()).isEqualTo("PROPOSED");

        assertProblem(post("/api/remedies/" + remedy + "/approval", agent, ""), 403);
        assertProblem(post("/api/remedies/" + remedy + "/approval", acme(), ""), 403);
        assertProblem(post("/api/remedies/" + remedy + "/approval", user("analyst1"), ""), 403);
        assertThat(json(get("/api/remedies/" + remedy, agent)).path("state").asString())
                .isEqualTo("PROPOSED");

        var approved = post("/api/remedies/" + remedy + "/approval", user("supervisor1"), "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    @Test
    void aPartnerCannotCallStaffOrAdminEndpoints() {
        var acme = acme();
        var caseId = openCase(acme, marker());

        assertProblem(post("/api/cases/" + caseId + "/acknowledgement", acme, ""), 403);
        assertProblem(
                post("/api/cases/" + caseId + "/resolution", acme, "{\"rootCauseCode\":\"X\",\"summary\":\"y\"}"), 403);
        assertProblem(
                post(
                        "/api/cases/" + caseId + "/remedies",
                        acme,
                        "{\"type\":\"REFUND\",\"amountMinorUnits\":100,\"currency\":\"EUR\"}"),
                403);
        assertProblem(put("/api/remedies/policies", acme, "{\"rules\":[]}"), 403);
        assertThat(json(get("/api/cases/" + caseId, acme)).path("status").asString())
                .isEqualTo("RECEIVED");
    }

    @Test
    void anAnalystReadsButCannotChangeCases() {
        var analyst = user("analyst1");
        var caseId = openCase(acme(), marker());
        var marker = marker();

        assertThat(get("/api/cases/" + caseId, analyst).statusCode()).isEqualTo(200);
        assertProblem(post("/api/cases/" + caseId + "/acknowledgement", analyst, ""), 403);
        assertProblem(
                post("/api/cases/" + caseId + "/notes", analyst, "{\"text\":\"n\",\"visibility\":\"INTERNAL\"}"), 403);
        assertProblem(
                post(
                        "/api/cases",
                        analyst,
                        caseBody(marker).put("channel", "WEB").toString()),
                403);
        assertThat(casesMarked(marker)).isZero();
        assertThat(json(get("/api/cases/" + caseId, analyst)).path("status").asString())
                .isEqualTo("RECEIVED");
    }

    @Test
    void onlyAnAdminEditsThePolicyCatalogue() {
        var before = get("/api/remedies/policies", user("agent1"));

        assertProblem(put("/api/remedies/policies", user("supervisor1"), "{\"rules\":[]}"), 403);
        assertProblem(put("/api/remedies/policies", user("agent1"), "{\"rules\":[]}"), 403);
        assertThat(get("/api/remedies/policies", user("agent1")).body()).isEqualTo(before.body());
    }
}
