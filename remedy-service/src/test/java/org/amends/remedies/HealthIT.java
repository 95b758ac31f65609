package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class HealthIT extends RemedyServiceIT {

    @Test
    void healthAndMetricsAreOpenAndTheApiIsNot() {
        var client = RestClient.create("http://localhost:" + port);

        var health = client.get().uri("/actuator/health").retrieve().body(String.class);
        var metrics = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
        var api = client.get()
                .uri("/api/remedies")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(health).contains("\"status\":\"UP\"");
        assertThat(metrics).contains("service=\"remedy-service\"");
        assertThat(api).isEqualTo(401);
    }

    @Test
    void theApiDescriptionIsOpenAndListsTheRemedyAndPartnerApis() {
        var client = RestClient.create("http://localhost:" + port);

        var document = client.get().uri("/v3/api-docs").retrieve().body(String.class);

        assertThat(document)
                .contains("\"openapi\":\"3.1")
                .contains("/api/remedies/{id}/approval")
                .contains("/api/cases/{caseId}/remedies")
                .contains("/api/partner/webhooks")
                .contains("/api/partner/fulfilments/{id}/confirmation");
    }
}
