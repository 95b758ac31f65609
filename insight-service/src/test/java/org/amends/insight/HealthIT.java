package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.amends.messaging.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;

class HealthIT extends InsightServiceIT {

    @Autowired
    ApplicationContext context;

    @Test
    void runsTheOutboxRelayBecauseItPublishesAlerts() {
        assertThat(context.getBeanNamesForType(OutboxRelay.class)).hasSize(1);
    }

    @Test
    void healthAndMetricsAreOpenAndTheApiIsNot() {
        var client = RestClient.create("http://localhost:" + port);

        var health = client.get().uri("/actuator/health").retrieve().body(String.class);
        var api = client.get()
                .uri("/api/insights/problems")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(health).contains("\"status\":\"UP\"");
        assertThat(api).isEqualTo(401);
    }

    @Test
    void exposesTheInsightMetricsWithBoundedLabels() {
        publish(Events.opened(Events.Case.of("metrics-product", "EXECUTION", java.time.Instant.now())));
        var client = RestClient.create("http://localhost:" + port);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var metrics = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(metrics)
                    .contains("service=\"insight-service\"")
                    .contains("amends_insight_open_problems")
                    .contains("amends_insight_event_lag_seconds_bucket{queue=\"insight-service.case-events\"")
                    .contains("amends_events_consumed_total{")
                    .doesNotContain("metrics-product");
        });
    }
}
