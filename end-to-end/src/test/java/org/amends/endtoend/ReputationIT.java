package org.amends.endtoend;

import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.pause;
import static org.amends.endtoend.GatewayCalls.request;
import static org.amends.endtoend.GatewayCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reputation risk across three services with real Keycloak tokens: an angry public post from a customer with a large
 * audience, filed through the gateway, is scored over the threshold by insight-service, whose
 * {@code amends.insight.reputation-risk-raised.v1} makes case-service escalate the case and explain why on its
 * internal timeline; a calm private email of the same day is not escalated.
 */
class ReputationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static AmendsPlatform platform;

    @BeforeAll
    static void platform() {
        platform = AmendsPlatform.instance();
    }

    @Test
    void anAngrySocialPostWithALargeAudienceIsEscalatedWithItsReasonsOnTheTimeline() {
        var agent = platform.keycloak().passwordToken("agent1", "amends");
        var analyst = platform.keycloak().passwordToken("analyst1", "amends");

        var angry = file(agent, """
                {"channel":"SOCIAL",
                 "customer":{"name":"Sam Lee","email":"sam-%s@example.com","locale":"en","audienceSize":250000},
                 "product":"mobile","errorKind":"EXECUTION","impact":"HIGH",
                 "summary":"Public post: line cut off for a paid bill",
                 "description":"Furious. This is a scam, the worst service ever, totally unacceptable. I hate this."}""".formatted(UUID.randomUUID()));
        var calm = file(agent, """
                {"channel":"EMAIL",
                 "customer":{"name":"Kim Ross","email":"kim-%s@example.com","locale":"en"},
                 "product":"mobile","errorKind":"EXECUTION","impact":"HIGH",
                 "summary":"Line cut off for a paid bill",
                 "description":"My line was cut although the bill is paid. Please have a look, thanks."}""".formatted(UUID.randomUUID()));

        var escalated = await(
                "case " + angry + " escalated",
                () -> send(bearer(request("/api/cases/" + angry), agent).GET()),
                response -> response.statusCode() == 200
                        && json(response).path("escalated").asBoolean());
        assertThat(json(escalated).path("escalated").asBoolean())
                .as(escalated.body())
                .isTrue();
        assertThat(json(escalated).path("escalatedAt").asString()).isNotBlank();

        var timeline =
                send(bearer(request("/api/cases/" + angry + "/timeline"), agent).GET());
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        var escalations = entries(json(timeline), "ESCALATED");
        assertThat(escalations).as(timeline.body()).hasSize(1);
        var entry = escalations.getFirst();
        assertThat(entry.path("visibility").asString()).isEqualTo("INTERNAL");
        assertThat(entry.path("actor").asString()).isEqualTo("insight-service");
        assertThat(entry.path("text").asString())
                .contains("Reputation risk", "threshold 60", "social channel", "audience of 250000", "sentiment");

        // The customer's own page never shows the internal escalation; the analyst sees the alert that caused it.
        var alerts = send(bearer(request("/api/insights/alerts?kind=REPUTATION&limit=100"), analyst)
                .GET());
        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.body()).contains(angry).doesNotContain(calm);

        var calmCase = send(bearer(request("/api/cases/" + calm), agent).GET());
        assertThat(calmCase.statusCode()).as(calmCase.body()).isEqualTo(200);
        assertThat(json(calmCase).path("escalated").asBoolean())
                .as(calmCase.body())
                .isFalse();
        var calmTimeline =
                send(bearer(request("/api/cases/" + calm + "/timeline"), agent).GET());
        assertThat(entries(json(calmTimeline), "ESCALATED")).isEmpty();
    }

    private static String file(String token, String body) {
        var filed = send(bearer(request("/api/cases"), token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        return json(filed).path("id").asString();
    }

    private static List<JsonNode> entries(JsonNode timeline, String kind) {
        var found = new ArrayList<JsonNode>();
        for (var entry : timeline.path("entries")) {
            if (kind.equals(entry.path("kind").asString())) {
                found.add(entry);
            }
        }
        return found;
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> await(
            String what, Supplier<HttpResponse<String>> call, Predicate<HttpResponse<String>> done) {
        var deadline = Instant.now().plus(PATIENCE);
        var response = call.get();
        while (!done.test(response)) {
            assertThat(Instant.now())
                    .as("waited %s for %s; last answer: %s", PATIENCE, what, response.body())
                    .isBefore(deadline);
            pause(Duration.ofMillis(500));
            response = call.get();
        }
        return response;
    }
}
