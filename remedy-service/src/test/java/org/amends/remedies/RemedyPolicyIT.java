package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ArrayNode;

class RemedyPolicyIT extends RemedyServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Persona ADMIN = Persona.admin("admin1");

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    private static final Pattern CURRENT =
            Pattern.compile("^amends_remedies_current\\{(.*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void theSeededCatalogueSuggestsRemediesWithAmountRanges() {
        var policy = api.get("/api/remedies/policies", AGENT).json();

        assertThat(policy.path("version").asInt()).isPositive();
        assertThat(policy.path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("errorKind").asString()).isEqualTo("CALCULATION");
            assertThat(rule.path("severity").asString()).isEqualTo("HIGH");
            assertThat(rule.path("remedyType").asString()).isEqualTo("FEE_WAIVER");
            assertThat(rule.path("minMinorUnits").asLong()).isEqualTo(1000);
            assertThat(rule.path("maxMinorUnits").asLong()).isEqualTo(3000);
            assertThat(rule.path("suggestedMinorUnits").asLong()).isEqualTo(1500);
        });
    }

    @Test
    void anAdminsEditIsANewVersionThatTheNextCaseIsProposedFrom() {
        var current = api.get("/api/remedies/policies", AGENT).json();
        var rules = (ArrayNode) current.path("rules").deepCopy();
        var goodwill = rules.addObject();
        goodwill.put("errorKind", "OTHER");
        goodwill.put("severity", "LOW");
        goodwill.put("remedyType", "GOODWILL");
        goodwill.put("minMinorUnits", 0);
        goodwill.put("maxMinorUnits", 1000);
        goodwill.put("suggestedMinorUnits", 700);
        goodwill.put("currency", "EUR");
        var body = ServiceApi.JSON.createObjectNode().set("rules", rules).toString();

        var edited = api.put("/api/remedies/policies", ADMIN, body);
        var caseId = CaseMother.open(rabbit, "OTHER", "LOW");

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("version").asInt())
                .isEqualTo(current.path("version").asInt() + 1);
        assertThat(edited.json().path("createdBy").asString()).isEqualTo("admin1");
        var proposed = events.await(caseId.toString(), "amends.remedy.proposed.v1", 2, Duration.ofSeconds(20));
        assertThat(proposed).anySatisfy(e -> {
            assertThat(e.path("data").path("remedyType").asString()).isEqualTo("GOODWILL");
            assertThat(e.path("data").path("amountMinorUnits").asLong()).isEqualTo(700);
            assertThat(e.path("data").path("policyVersion").asInt())
                    .isEqualTo(edited.json().path("version").asInt());
        });
    }

    @Test
    void onlyAnAdminMayEditTheCatalogue() {
        var body = "{\"rules\": [{\"errorKind\": \"OTHER\", \"severity\": \"LOW\", \"remedyType\": \"APOLOGY\","
                + " \"minMinorUnits\": 0, \"maxMinorUnits\": 0, \"suggestedMinorUnits\": 0, \"currency\": \"EUR\"}]}";

        assertThat(api.put("/api/remedies/policies", AGENT, body).status()).isEqualTo(403);
        assertThat(api.put("/api/remedies/policies", Persona.supervisor("super1"), body)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anInvalidCatalogueIsRefusedFieldByFieldAndNothingChanges() {
        var before =
                api.get("/api/remedies/policies", AGENT).json().path("version").asInt();
        var body = "{\"rules\": [{\"errorKind\": \"TYPO\", \"severity\": \"LOW\", \"remedyType\": \"CREDIT\","
                + " \"minMinorUnits\": 500, \"maxMinorUnits\": 100, \"suggestedMinorUnits\": 300, \"currency\": \"EUR\"}]}";

        var response = api.put("/api/remedies/policies", ADMIN, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors"))
                .extracting(error -> error.path("field").asString())
                .contains("rules.0.errorKind", "rules.0.suggestedMinorUnits");
        assertThat(api.get("/api/remedies/policies", AGENT)
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(before);
    }

    @Test
    void theMetricsOperatorsWatchAreExposed() {
        var caseId = CaseMother.open(rabbit, "MEASUREMENT", "HIGH");
        events.await(caseId.toString(), "amends.remedy.offered.v1", 2, Duration.ofSeconds(20));

        var metrics = RemedyLifecycleIT.awaitValue(() -> {
            var text = prometheus();
            return text != null && text.contains("amends_remedy_budget_used{error_kind=\"MEASUREMENT\"") ? text : null;
        });

        assertThat(metrics)
                .contains("amends_remedies_current{")
                .contains("amends_remedies_total{outcome=\"offered\"")
                .contains("state=\"OFFERED\"")
                .contains("amends_remedy_value_total{currency=\"EUR\"")
                .contains("amends_remedy_budget_used{error_kind=\"MEASUREMENT\"")
                .contains("amends_outbox_backlog");
    }

    @Test
    void theGaugeOfRemediesByTypeAndStateCountsWhatTheTableHolds() {
        var caseId = CaseMother.open(rabbit, "MEASUREMENT", "HIGH");
        events.await(caseId.toString(), "amends.remedy.offered.v1", 2, Duration.ofSeconds(20));
        // An update that changes neither type nor state must not count twice.
        jdbc.sql("UPDATE remedies SET updated_at = now() WHERE case_id = ?")
                .param(caseId)
                .update();

        var agreed = RemedyLifecycleIT.awaitValue(() -> {
            var table = new TreeMap<String, Double>();
            jdbc.sql("SELECT type, state, count(*) FROM remedies GROUP BY type, state")
                    .query(rs -> {
                        table.put(rs.getString(1) + "/" + rs.getString(2), (double) rs.getLong(3));
                    });
            var gauge = new TreeMap<String, Double>();
            var matcher = CURRENT.matcher(prometheus());
            while (matcher.find()) {
                var labels = new TreeMap<String, String>();
                var label = LABEL.matcher(matcher.group(1));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                gauge.put(labels.get("type") + "/" + labels.get("state"), Double.parseDouble(matcher.group(2)));
            }
            return !table.isEmpty() && table.equals(gauge) ? table : null;
        });

        var ofThisCase = jdbc.sql("SELECT DISTINCT type || '/' || state FROM remedies WHERE case_id = ?")
                .param(caseId)
                .query(String.class)
                .list();
        assertThat(ofThisCase).isNotEmpty().allSatisfy(key -> assertThat(key).endsWith("/OFFERED"));
        assertThat(agreed).containsKeys(ofThisCase.toArray(String[]::new));
    }

    private String prometheus() {
        return org.springframework.web.client.RestClient.create("http://localhost:" + port)
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .body(String.class);
    }
}
