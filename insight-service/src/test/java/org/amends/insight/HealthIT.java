package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

class HealthIT extends InsightServiceIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void runsNoOutboxRelayBecauseItPublishesNothingYet() {
        assertThat(context.getBeanNamesForType(org.amends.messaging.outbox.OutboxRelay.class))
                .isEmpty();
    }

    @Test
    void healthAndMetricsAreOpenAndTheApiIsNot() {
        var client = RestClient.create("http://localhost:" + port);

        var health = client.get().uri("/actuator/health").retrieve().body(String.class);
        var metrics = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
        var api = client.get()
                .uri("/api/problems")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(health).contains("\"status\":\"UP\"");
        assertThat(metrics).contains("service=\"insight-service\"");
        assertThat(api).isEqualTo(401);
    }
}
