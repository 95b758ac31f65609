package org.amends.abuse;

import static org.amends.abuse.Abuse.PATIENCE;
import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.count;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.openCase;
import static org.amends.abuse.Abuse.platform;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.storedCaseText;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Mass assignment (API3, property level): fields a client must not set (ids, status, severity, submitter, approval
 * level, signing secret, timestamps, versions) are not part of the request schemas; the APIs ignore them, and what is
 * stored is the server's value.
 */
class MassAssignmentIT {

    @Test
    void aCaseTakesItsIdStatusSeveritySubmitterAndTimesFromTheServer() {
        var forgedId = UUID.randomUUID().toString();
        var marker = marker();
        var plain = json(post("/api/cases", acme(), caseBody(marker()).toString()));
        var body = caseBody(marker)
                .put("id", forgedId)
                .put("reference", "AMD-FORGED")
                .put("status", "CLOSED")
                .put("severity", "LOW")
                .put("submittedBy", "globex-partner")
                .put("submitterKind", "AGENT")
                .put("createdAt", "2001-01-01T00:00:00Z")
                .put("acknowledgeDueAt", "2101-01-01T00:00:00Z")
                .put("version", 99);
        body.putObject("submitter").put("id", "globex-partner").put("kind", "AGENT");

        var response = post("/api/cases", acme(), body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var stored = json(response);
        var id = stored.path("id").asString();
        assertThat(id).isNotEqualTo(forgedId);
        assertThat(stored.path("reference").asString()).isNotEqualTo("AMD-FORGED");
        assertThat(stored.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(stored.path("severity").asString())
                .isEqualTo(plain.path("severity").asString());
        assertThat(storedCaseText(id, "submitted_by")).isEqualTo("acme-partner");
        assertThat(storedCaseText(id, "submitter_kind")).isEqualTo("PARTNER");
        assertThat(storedCaseText(id, "status")).isEqualTo("RECEIVED");
        assertThat(storedCaseText(id, "version")).isEqualTo("1");
        assertThat(Instant.parse(stored.path("createdAt").asString()))
                .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(count(
                        platform().caseDatabase(),
                        "SELECT count(*) FROM cases WHERE id = ? OR reference = 'AMD-FORGED'",
                        UUID.fromString(forgedId)))
                .isZero();
    }

    @Test
    void aProposedRemedyTakesItsStateAndApprovalLevelFromTheServer() {
        var agent = user("agent1");
        var caseId = openCase(acme(), marker());
        var forgedId = UUID.randomUUID().toString();

        var proposed = Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> post("/api/cases/" + caseId + "/remedies", agent, """
                                {"type":"REFUND","amountMinorUnits":15000,"currency":"EUR",
                                 "id":"%s","state":"FULFILLED","requiredApproval":"AUTOMATIC",
                                 "fulfiller":"ledger","proposedBy":"admin1"}""".formatted(forgedId)),
                        response -> response.statusCode() == 201);

        var remedy = json(proposed);
        assertThat(remedy.path("id").asString()).isNotEqualTo(forgedId);
        assertThat(remedy.path("state").asString()).isEqualTo("PROPOSED");
        assertThat(remedy.path("requiredApproval").asString()).isEqualTo("SUPERVISOR");
        assertThat(count(
                        platform().remedyDatabase(),
                        "SELECT count(*) FROM remedies WHERE id = ? AND state = 'PROPOSED' AND proposed_by = 'agent1'"
                                + " AND required_approval = 'SUPERVISOR'",
                        UUID.fromString(remedy.path("id").asString())))
                .isOne();
    }

    @Test
    void aWebhookTakesItsPartnerAndSecretFromTheServer() {
        // For replacements, not refunds: acme's first refund endpoint is the one SagaIT's delivery goes to.
        var registered = post("/api/partner/webhooks", acme(), """
                {"url":"http://127.0.0.1:9/mass-assignment","remedyTypes":["REPLACEMENT"],
                 "partner":"globex-partner","secret":"whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""");

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var id = UUID.fromString(json(registered).path("id").asString());
        assertThat(json(registered).path("secret").asString())
                .isNotEqualTo("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThat(count(
                        platform().remedyDatabase(),
                        "SELECT count(*) FROM webhook_endpoints WHERE id = ? AND partner = 'acme-partner'"
                                + " AND secret NOT LIKE 'whsec_AAAA%'",
                        id))
                .isOne();
    }
}
