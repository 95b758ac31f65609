package org.amends.endtoend;

import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.pause;
import static org.amends.endtoend.GatewayCalls.request;
import static org.amends.endtoend.GatewayCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.Persona;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A partner's and an agent's way through the real platform: Keycloak tokens, the gateway, case-service,
 * remedy-service and insight-service, PostgreSQL and RabbitMQ, each a real server or process.
 */
class PartnerJourneyIT {

    private static AmendsPlatform platform;
    private static PublishedEvents events;

    @BeforeAll
    static void platform() {
        platform = AmendsPlatform.instance();
        events = new PublishedEvents(platform.vhost());
    }

    @AfterAll
    static void closeEvents() throws Exception {
        events.close();
    }

    @Nested
    class APartner {

        @Test
        void opensACaseThroughTheGatewayAndItsOpenedEventIsPublishedToTheContract() {
            var token = acmeToken();

            var response = send(openCase(token, "e2e-open-" + UUID.randomUUID()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).isPresent();
            var opened = json(response);
            assertThat(opened.path("status").asString()).isEqualTo("RECEIVED");
            assertThat(opened.path("reference").asString()).isNotBlank();
            assertThat(opened.path("severity").asString()).isNotBlank();
            var id = opened.path("id").asString();
            var event = EventSchemas.assertValid(events.awaitAbout(id, Duration.ofSeconds(30)));
            assertThat(event.path("type").asString()).isEqualTo("amends.case.opened.v1");
            assertThat(event.path("source").asString()).isEqualTo("/case-service");
        }

        @Test
        void readsItsCaseBackAndTheCorrelationIdComesBack() {
            var token = acmeToken();
            var id = json(send(openCase(token, "e2e-read-" + UUID.randomUUID())))
                    .path("id")
                    .asString();

            var response = send(request("/api/cases/" + id)
                    .header("Authorization", "Bearer " + token)
                    .header("X-Correlation-Id", "e2e-read-back-1")
                    .GET());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("id").asString()).isEqualTo(id);
            assertThat(response.headers().allValues("X-Correlation-Id")).containsExactly("e2e-read-back-1");
        }

        @Test
        void cannotReadAnotherPartnersCase() {
            var id = json(send(openCase(acmeToken(), "e2e-other-" + UUID.randomUUID())))
                    .path("id")
                    .asString();
            var globex = platform.keycloak().clientCredentialsToken("globex-partner", "globex-secret");

            var response = send(request("/api/cases/" + id)
                    .header("Authorization", "Bearer " + globex)
                    .GET());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        }
    }

    @Nested
    class ACaseFiledByAPartner {

        @Test
        void reachesRemedyServiceAndInsightServiceExactlyOnce() {
            var id = json(send(openCase(acmeToken(), "e2e-fan-out-" + UUID.randomUUID())))
                    .path("id")
                    .asString();

            assertThat(awaitApplied(platform.remedyDatabase(), id))
                    .as("case %s applied by remedy-service", id)
                    .isEqualTo(1);
            assertThat(awaitApplied(platform.insightDatabase(), id))
                    .as("case %s applied by insight-service", id)
                    .isEqualTo(1);
        }

        /**
         * How many {@code amends.case.opened.v1} events about the case the service has applied (its inbox, one row per
         * event applied), once at least one has been or the patience runs out; then a moment more for a duplicate.
         */
        private long awaitApplied(TestPostgres.Database database, String caseId) {
            var deadline = Instant.now().plus(Duration.ofSeconds(30));
            var applied = countApplied(database, caseId);
            while (applied == 0 && Instant.now().isBefore(deadline)) {
                pause(Duration.ofMillis(250));
                applied = countApplied(database, caseId);
            }
            if (applied == 0) {
                return 0;
            }
            pause(Duration.ofSeconds(1));
            return countApplied(database, caseId);
        }

        private long countApplied(TestPostgres.Database database, String caseId) {
            try (var connection =
                            DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                    var query = connection.prepareStatement(
                            "SELECT count(*) FROM processed_events WHERE case_id = ? AND type = ?")) {
                query.setString(1, caseId);
                query.setString(2, "amends.case.opened.v1");
                try (var rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read processed_events in " + database.name(), e);
            }
        }
    }

    @Nested
    class TheApiDocuments {

        @Test
        void caseServicesDocumentIsOpenThroughTheGatewayAndNamesTheGatewayAsItsServer() {
            var response = send(request("/v3/api-docs/case").GET());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var document = json(response);
            assertThat(document.path("openapi").asString()).startsWith("3.");
            assertThat(document.path("servers").path(0).path("url").asString()).isEqualTo(platform.gatewayUrl());
            assertThat(document.path("paths").has("/api/cases")).isTrue();
        }

        @Test
        void theApiPageIsOpenThroughTheGateway() {
            var response = send(request("/api/docs").GET());

            assertThat(response.statusCode()).isIn(200, 302);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        }
    }

    @Nested
    class AnAgent {

        @Test
        void listsCasesWithAPasswordGrantToken() {
            send(openCase(acmeToken(), "e2e-list-" + UUID.randomUUID()));
            var token = platform.keycloak().passwordToken("agent1", "amends");

            var response = send(request("/api/cases")
                    .header("Authorization", "Bearer " + token)
                    .GET());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("items").isArray()).isTrue();
            assertThat(json(response).path("items").size()).isPositive();
        }
    }

    @Nested
    class TheGatewayRefuses {

        @Test
        void aCallWithoutAToken() {
            var response = send(request("/api/cases")
                    .header("X-Correlation-Id", "e2e-no-token")
                    .GET());

            assertUnauthorized(response);
            assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("e2e-no-token");
            assertThat(json(response).path("correlationId").asString()).isEqualTo("e2e-no-token");
        }

        @Test
        void anExpiredToken() {
            try (var issuer = TestJwtIssuer.start()) {
                var expired = issuer.token(
                        Persona.partner("acme-partner"),
                        claims -> claims.issuer(platform.keycloak().issuer())
                                .issueTime(ago(Duration.ofMinutes(20)))
                                .notBeforeTime(ago(Duration.ofMinutes(20)))
                                .expirationTime(ago(Duration.ofMinutes(10))));

                assertUnauthorized(send(request("/api/cases")
                        .header("Authorization", "Bearer " + expired)
                        .GET()));
            }
        }

        @Test
        void aTokenWithTheRealmsIssuerSignedByAnotherKey() {
            try (var issuer = TestJwtIssuer.start()) {
                var forged = issuer.token(
                        Persona.partner("acme-partner"),
                        claims -> claims.issuer(platform.keycloak().issuer()));

                assertUnauthorized(send(request("/api/cases")
                        .header("Authorization", "Bearer " + forged)
                        .GET()));
            }
        }

        private void assertUnauthorized(HttpResponse<String> response) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(json(response).path("type").asString()).isEqualTo("https://amends.org/problems/unauthorized");
        }
    }

    private static String acmeToken() {
        return platform.keycloak().clientCredentialsToken("acme-partner", "acme-secret");
    }

    private static HttpRequest.Builder openCase(String token, String correlationId) {
        var body = """
                {"channel":"PARTNER",
                 "customer":{"name":"Lucía Pérez","email":"lucia@example.com","locale":"es"},
                 "product":"billing","errorKind":"CALCULATION","summary":"Charged twice",
                 "description":"The March invoice was charged twice to the same card.",
                 "impact":"HIGH","orderReference":"ORD-1"}
                """;
        return request("/api/cases")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }
}
