package org.amends.cases;

import static org.amends.cases.RemedyEventMother.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** insight-service's reputation alert, as the catalogue's example shows it, reaching a case. */
class ReputationEscalationIT extends CaseServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final String RAISED = "amends.insight.reputation-risk-raised.v1";

    String openCase() {
        var opened = api().post("/api/cases", AGENT, CaseMother.json());
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().path("id").asString();
    }

    String alert(String caseId) {
        var event = RemedyEventMother.about(RAISED, caseId);
        ((ObjectNode) event.get("data")).put("raisedAt", Instant.now().toString());
        RemedyEventMother.publish(event.toString());
        return event.toString();
    }

    boolean applied(String event) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(RemedyEventMother.idOf(event))
                        .query(Long.class)
                        .single()
                == 1;
    }

    List<JsonNode> entries(String caseId, String kind) {
        var entries = new ArrayList<JsonNode>();
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

    @Test
    void anOpenCaseIsEscalatedWithInsightsReasonsOnItsInternalTimeline() {
        var caseId = openCase();
        assertThat(api().get("/api/cases/" + caseId, AGENT)
                        .json()
                        .path("escalated")
                        .asBoolean())
                .isFalse();

        var event = alert(caseId);

        awaitTrue("alert applied", () -> applied(event));
        assertThat(api().get("/api/cases/" + caseId, AGENT)
                        .json()
                        .path("escalated")
                        .asBoolean())
                .isTrue();
        var escalation = entries(caseId, "ESCALATED");
        assertThat(escalation).hasSize(1);
        assertThat(escalation.getFirst().path("visibility").asString()).isEqualTo("INTERNAL");
        assertThat(escalation.getFirst().path("text").asString())
                .contains("Reputation risk 78 (threshold 60)", "social channel (+25)", "audience of 120000 (+28)")
                .contains("Escalated to a supervisor");
    }

    @Test
    void aRedeliveredAlertIsAppliedOnce() {
        var caseId = openCase();
        var event = alert(caseId);
        RemedyEventMother.publish(event);
        var later = alert(openCase());

        awaitTrue("both alerts applied", () -> applied(event) && applied(later));
        assertThat(entries(caseId, "ESCALATED")).hasSize(1);
    }

    @Test
    void theAlertIsNeverShownToTheCustomer() {
        var caseId = openCase();
        var event = alert(caseId);

        awaitTrue("alert applied", () -> applied(event));
        var customerView = new ArrayList<String>();
        jdbc.sql("SELECT kind FROM timeline WHERE case_id = ?::uuid AND visibility = 'CUSTOMER'")
                .param(caseId)
                .query(String.class)
                .list()
                .forEach(customerView::add);
        assertThat(customerView).isNotEmpty().doesNotContain("ESCALATED");
    }
}
