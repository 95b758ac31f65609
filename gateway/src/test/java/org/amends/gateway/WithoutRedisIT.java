package org.amends.gateway;

import static org.amends.gateway.GatewayTestServers.ISSUER;
import static org.amends.gateway.GatewayTestServers.TINY_BUDGET_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.amends.testkit.Servers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway with its Redis gone: rate limits fail open, so losing the counters does not take the API down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithoutRedisIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry properties) {
        // A port nothing listens on: every Redis call is refused.
        GatewayTestServers.register(properties, Servers.freePort());
    }

    @LocalServerPort
    int port;

    @Test
    void requestsPassUncountedAndTheFailureIsCounted() throws Exception {
        var token = ISSUER.token(Persona.partner(TINY_BUDGET_CLIENT));
        var statuses = new ArrayList<Integer>();
        // Far past the tiny budget of 2: with the counters gone every call still goes through.
        for (int i = 0; i < 5; i++) {
            statuses.add(send(HttpRequest.newBuilder(uri("/api/cases/" + UUID.randomUUID()))
                            .header("Authorization", "Bearer " + token)
                            .build())
                    .statusCode());
        }

        assertThat(statuses).containsOnly(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).build()).statusCode())
                .as("still healthy: it still serves")
                .isEqualTo(200);
        var metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build())
                .body();
        assertThat(metrics.lines())
                .filteredOn(line -> line.startsWith("amends_gateway_rate_limit_unavailable_total"))
                .singleElement()
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .isGreaterThanOrEqualTo(5.0));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
