package org.amends.abuse;

import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.count;
import static org.amends.abuse.Abuse.firstRemedyOf;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.globex;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.openCase;
import static org.amends.abuse.Abuse.platform;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Broken object-level authorisation (API1): a partner reaching for another partner's cases, timelines, fulfilments
 * and webhooks finds nothing there (404, as if they did not exist) and changes nothing; a customer's status token opens
 * its own case and no other.
 */
class ObjectLevelAbuseIT {

    @Test
    void aPartnerCannotReadListOrAnnotateAnotherPartnersCase() {
        var acmesCase = openCase(acme(), marker());
        var globex = globex();

        assertProblem(get("/api/cases/" + acmesCase, globex), 404);
        assertProblem(get("/api/cases/" + acmesCase + "/timeline", globex), 404);
        assertProblem(
                post(
                        "/api/cases/" + acmesCase + "/notes",
                        globex,
                        "{\"text\":\"globex was here\",\"visibility\":\"CUSTOMER\"}"),
                404);
        assertProblem(post("/api/cases/" + acmesCase + "/status-token", globex, ""), 403);
        var listed = get("/api/cases?limit=100", globex);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(acmesCase);
        assertThat(count(
                        platform().caseDatabase(),
                        "SELECT count(*) FROM timeline WHERE case_id = ? AND text LIKE '%globex%'",
                        UUID.fromString(acmesCase)))
                .isZero();
    }

    @Test
    void aPartnerCannotConfirmAFulfilmentAskedOfAnother() {
        var acmesCase = openCase(acme(), marker());
        var remedy = firstRemedyOf(acmesCase);
        var before = json(get("/api/remedies/" + remedy, user("agent1")))
                .path("state")
                .asString();

        var response = post("/api/partner/fulfilments/" + remedy + "/confirmation", globex(), "{\"reference\":\"x\"}");

        assertProblem(response, 404);
        assertThat(json(get("/api/remedies/" + remedy, user("agent1")))
                        .path("state")
                        .asString())
                .isEqualTo(before);
        assertThat(count(
                        platform().remedyDatabase(),
                        "SELECT count(*) FROM webhook_deliveries WHERE remedy_id = ? AND confirmed_at IS NOT NULL",
                        UUID.fromString(remedy)))
                .isZero();
    }

    @Test
    void aPartnerCannotReadRemediesThroughTheStaffApi() {
        var acmesCase = openCase(acme(), marker());

        assertProblem(get("/api/cases/" + acmesCase + "/remedies", globex()), 403);
        assertProblem(get("/api/cases/" + acmesCase + "/remedies", acme()), 403);
    }

    @Test
    void aPartnerCannotSeeAnotherPartnersWebhook() {
        // For replacements, not refunds: acme's first refund endpoint is the one SagaIT's delivery goes to.
        var registered = post(
                "/api/partner/webhooks",
                acme(),
                "{\"url\":\"http://127.0.0.1:9/abuse-" + UUID.randomUUID() + "\",\"remedyTypes\":[\"REPLACEMENT\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var id = json(registered).path("id").asString();

        assertProblem(get("/api/partner/webhooks/" + id, globex()), 404);
        assertThat(get("/api/partner/webhooks", globex()).body()).doesNotContain(id);
        assertThat(get("/api/partner/webhooks/" + id, acme()).statusCode()).isEqualTo(200);
    }

    @Test
    void aStatusTokenOpensItsOwnCaseAndNoOther() {
        var agent = user("agent1");
        var mine = openCase(acme(), marker());
        var other = openCase(acme(), marker());
        var otherRemedy = firstRemedyOf(other);
        var otherState =
                json(get("/api/remedies/" + otherRemedy, agent)).path("state").asString();
        var link = json(post("/api/cases/" + mine + "/status-token", agent, ""))
                .path("statusLink")
                .asString();
        var token = link.substring(link.lastIndexOf('/') + 1);

        var page = get("/api/public/status/" + token, null);
        var acceptOther = post("/api/public/status/" + token + "/remedies/" + otherRemedy + "/acceptance", null, "");
        var declineOther = post("/api/public/status/" + token + "/remedies/" + otherRemedy + "/declination", null, "");
        var guessed = get("/api/public/status/" + UUID.randomUUID(), null);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(other).doesNotContain(otherRemedy);
        assertProblem(acceptOther, 404);
        assertProblem(declineOther, 404);
        assertProblem(guessed, 404);
        assertThat(json(get("/api/remedies/" + otherRemedy, agent))
                        .path("state")
                        .asString())
                .isEqualTo(otherState);
    }
}
