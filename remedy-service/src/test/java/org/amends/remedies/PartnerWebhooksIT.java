package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class PartnerWebhooksIT extends RemedyServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    static Persona newPartner() {
        return Persona.partner("partner-" + UUID.randomUUID().toString().substring(0, 8));
    }

    JsonNode register(Persona partner, String url) {
        var response = api.post(
                "/api/partner/webhooks", partner, "{\"url\": \"%s\", \"remedyTypes\": [\"REFUND\"]}".formatted(url));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** A case submitted by {@code partner} with an accepted 15.00 EUR refund; returns the remedy. */
    JsonNode acceptedRefund(Persona partner) {
        var caseId = CaseMother.open(rabbit, "CONCEPT", "LOW", partner.clientId());
        RemedyLifecycleIT.awaitValue(() -> {
            var response = api.get("/api/cases/" + caseId + "/remedies", AGENT);
            return response.json().size() > 0 ? response : null;
        });
        var proposed = api.post(
                "/api/cases/" + caseId + "/remedies",
                AGENT,
                "{\"type\": \"REFUND\", \"amountMinorUnits\": 1500, \"currency\": \"EUR\"}");
        assertThat(proposed.json().path("state").asString()).isEqualTo("OFFERED");
        var accepted = api.post("/api/remedies/" + proposed.json().path("id").asString() + "/acceptance", AGENT, null);
        assertThat(accepted.json().path("state").asString()).isEqualTo("FULFILLING");
        assertThat(accepted.json().path("fulfiller").asString()).isEqualTo(partner.clientId());
        return accepted.json();
    }

    /** The metrics page once it shows every expected line (counters move just after the change they count). */
    String prometheus(String... expected) {
        try {
            return RemedyLifecycleIT.awaitValue(() -> {
                var text = org.springframework.web.client.RestClient.create("http://localhost:" + port)
                        .get()
                        .uri("/actuator/prometheus")
                        .retrieve()
                        .body(String.class);
                return text != null && java.util.Arrays.stream(expected).allMatch(text::contains) ? text : null;
            });
        } catch (AssertionError e) {
            return "";
        }
    }

    String stateOf(JsonNode remedy) {
        return api.get("/api/remedies/" + remedy.path("id").asString(), AGENT)
                .json()
                .path("state")
                .asString();
    }

    @Nested
    class Delivery {

        @Test
        void anAcceptedRefundIsDeliveredSignedAndTheConfirmationFulfilsItOnce() {
            var partner = newPartner();
            try (var receiver = WebhookReceiver.answering(200)) {
                receiver.useSecret(
                        register(partner, receiver.url()).path("secret").asString());
                var remedy = acceptedRefund(partner);

                var delivery =
                        RemedyLifecycleIT.awaitValue(() -> receiver.deliveries().isEmpty()
                                ? null
                                : receiver.deliveries().getFirst());
                var path = "/api/partner/fulfilments/" + remedy.path("id").asString() + "/confirmation";
                var first = api.post(path, partner, "{\"reference\": \"RF-1\"}");
                var second = api.post(path, partner, "{\"reference\": \"RF-1\"}");

                assertThat(delivery.signatureValid()).isTrue();
                assertThat(delivery.signature()).startsWith("v1,");
                var body = ServiceApi.JSON.readTree(delivery.body());
                assertThat(body.path("type").asString()).isEqualTo("remedy.fulfilment.requested");
                assertThat(body.path("data").path("fulfilmentId").asString())
                        .isEqualTo(remedy.path("id").asString());
                assertThat(body.path("data").path("amountMinorUnits").asLong()).isEqualTo(1500);
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(200);
                assertThat(second.json().path("state").asString()).isEqualTo("FULFILLED");
                var caseId = remedy.path("caseId").asString();
                events.await(caseId, "amends.remedy.fulfilling.v1", 1, WAIT);
                var fulfilled = events.settled(
                        e -> e.path("subject").asString().equals(caseId)
                                && e.path("type").asString().equals("amends.remedy.fulfilled.v1"),
                        Duration.ofSeconds(2));
                assertThat(fulfilled).singleElement().satisfies(e -> {
                    assertThat(e.path("data").path("fulfiller").asString()).isEqualTo(partner.clientId());
                    assertThat(e.path("data").path("reference").asString()).isEqualTo("RF-1");
                });
            }
        }

        @Test
        void aFailedDeliveryIsRetriedWithTheSameIdUntilItSucceeds() {
            var partner = newPartner();
            try (var receiver = WebhookReceiver.answering(503, 500, 200)) {
                receiver.useSecret(
                        register(partner, receiver.url()).path("secret").asString());
                var remedy = acceptedRefund(partner);

                RemedyLifecycleIT.awaitValue(() -> receiver.deliveries().size() >= 3 ? true : null);

                assertThat(receiver.deliveries())
                        .hasSize(3)
                        .allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
                assertThat(receiver.deliveries())
                        .extracting(WebhookReceiver.Delivery::id)
                        .containsOnly(receiver.deliveries().getFirst().id());
                // The receiver answers before the dispatcher records the answer.
                RemedyLifecycleIT.awaitValue(() -> jdbc.sql("SELECT status FROM webhook_deliveries WHERE remedy_id = ?")
                                .param(UUID.fromString(remedy.path("id").asString()))
                                .query(String.class)
                                .single()
                                .equals("DELIVERED")
                        ? true
                        : null);
                assertThat(stateOf(remedy)).isEqualTo("FULFILLING");
                var failed = "amends_webhook_attempts_total{outcome=\"failed\",partner=\"" + partner.clientId()
                        + "\",service=\"remedy-service\"} 2.0";
                var delivered = "amends_webhook_attempts_total{outcome=\"delivered\",partner=\"" + partner.clientId()
                        + "\",service=\"remedy-service\"} 1.0";
                assertThat(prometheus(failed, delivered)).contains(failed).contains(delivered);
            }
        }

        @Test
        void whenRetriesAreExhaustedTheRemedyFails() {
            var partner = newPartner();
            try (var receiver = WebhookReceiver.answering(503)) {
                receiver.useSecret(
                        register(partner, receiver.url()).path("secret").asString());
                var remedy = acceptedRefund(partner);

                var failed = events.await(remedy.path("caseId").asString(), "amends.remedy.failed.v1", 1, WAIT)
                        .getFirst();

                assertThat(failed.path("data").path("channel").asString()).isEqualTo("PARTNER");
                assertThat(failed.path("data").path("fulfiller").asString()).isEqualTo(partner.clientId());
                assertThat(failed.path("data").path("reason").asString()).contains("HTTP 503");
                assertThat(receiver.deliveries().size()).isGreaterThan(1);
                assertThat(stateOf(remedy)).isEqualTo("FAILED");
                var exhausted = "amends_webhook_failures_total{partner=\"" + partner.clientId()
                        + "\",service=\"remedy-service\"} 1.0";
                assertThat(prometheus(exhausted)).contains(exhausted);
            }
        }

        @Test
        void aUrlThatResolvesInternallyAtDeliveryIsNotCalled() {
            var partner = newPartner();
            try (var receiver = WebhookReceiver.answering(200)) {
                var endpoint = register(partner, receiver.url());
                // As if the partner's DNS name had been rebound to a private address after registration.
                jdbc.sql("UPDATE webhook_endpoints SET url = 'http://10.0.0.1/hooks' WHERE id = ?")
                        .param(UUID.fromString(endpoint.path("id").asString()))
                        .update();
                var remedy = acceptedRefund(partner);

                var failed = events.await(remedy.path("caseId").asString(), "amends.remedy.failed.v1", 1, WAIT)
                        .getFirst();

                assertThat(failed.path("data").path("reason").asString()).contains("private");
                assertThat(receiver.deliveries()).isEmpty();
            }
        }

        @Test
        void aRedirectIsNeverFollowed() throws java.io.IOException {
            var partner = newPartner();
            var redirects = new java.util.concurrent.atomic.AtomicInteger();
            var redirector = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            try (var target = WebhookReceiver.answering(200)) {
                redirector.createContext("/hooks", exchange -> {
                    redirects.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Location", target.url());
                    exchange.sendResponseHeaders(307, -1);
                    exchange.close();
                });
                redirector.start();
                target.useSecret(register(
                                partner,
                                "http://127.0.0.1:" + redirector.getAddress().getPort() + "/hooks")
                        .path("secret")
                        .asString());
                var remedy = acceptedRefund(partner);

                var failed = events.await(remedy.path("caseId").asString(), "amends.remedy.failed.v1", 1, WAIT)
                        .getFirst();

                assertThat(failed.path("data").path("reason").asString()).isNotBlank();
                assertThat(redirects.get()).isPositive();
                assertThat(target.deliveries()).isEmpty();
            } finally {
                redirector.stop(0);
            }
        }

        @Test
        void aReplacementNoPartnerTakesFailsAtOnce() {
            // No test registers an endpoint for replacements.
            var caseId = CaseMother.open(rabbit, "CONCEPT", "LOW", "nobody");
            RemedyLifecycleIT.awaitValue(() -> {
                var response = api.get("/api/cases/" + caseId + "/remedies", AGENT);
                return response.json().size() > 0 ? response : null;
            });
            var proposed = api.post(
                    "/api/cases/" + caseId + "/remedies",
                    AGENT,
                    "{\"type\": \"REPLACEMENT\", \"amountMinorUnits\": 0, \"currency\": \"EUR\"}");

            var accepted =
                    api.post("/api/remedies/" + proposed.json().path("id").asString() + "/acceptance", AGENT, null);

            assertThat(accepted.json().path("state").asString()).isEqualTo("FAILED");
            events.await(caseId.toString(), "amends.remedy.failed.v1", 1, WAIT);
        }
    }

    @Nested
    class Registration {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://10.0.0.1/hooks",
                    "http://169.254.169.254/latest/meta-data/",
                    "http://192.168.1.20/hooks",
                    "http://[::ffff:10.0.0.1]/hooks",
                    "http://0.0.0.0/hooks",
                    "ftp://example.com/hooks",
                    "http://user:pass@127.0.0.1/hooks"
                })
        void urlsIntoInternalNetworksAreRefused(String url) {
            var response = api.post(
                    "/api/partner/webhooks",
                    newPartner(),
                    "{\"url\": \"%s\", \"remedyTypes\": [\"REFUND\"]}".formatted(url));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
            assertThat(response.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("url");
        }

        @Test
        void theSecretIsShownOnceAndOnlyToItsPartner() {
            var partner = newPartner();
            var other = newPartner();
            var endpoint = register(partner, "http://127.0.0.1:9/hooks");
            var id = endpoint.path("id").asString();

            var own = api.get("/api/partner/webhooks/" + id, partner);
            var others = api.get("/api/partner/webhooks/" + id, other);
            var othersList = api.get("/api/partner/webhooks", other);

            assertThat(endpoint.path("secret").asString()).startsWith("whsec_");
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.json().has("secret")).isFalse();
            assertThat(others.status()).isEqualTo(404);
            assertThat(othersList.json().size()).isZero();
            assertThat(api.get("/api/partner/webhooks", partner).json().size()).isEqualTo(1);
        }

        @Test
        void onlyPartnerTypesCanBeRegistered() {
            var response = api.post(
                    "/api/partner/webhooks",
                    newPartner(),
                    "{\"url\": \"http://127.0.0.1:9/hooks\", \"remedyTypes\": [\"CREDIT\"]}");

            assertThat(response.status()).isEqualTo(400);
        }

        @Test
        void staffCannotUseThePartnerApi() {
            assertThat(api.get("/api/partner/webhooks", AGENT).status()).isEqualTo(403);
        }
    }

    @Nested
    class Confirmation {

        @Test
        void aReferenceWithANulCharacterIsAValidationProblemAndConfirmsNothing() {
            var partner = newPartner();
            try (var receiver = WebhookReceiver.answering(200)) {
                receiver.useSecret(
                        register(partner, receiver.url()).path("secret").asString());
                var remedy = acceptedRefund(partner);

                var response = api.post(
                        "/api/partner/fulfilments/" + remedy.path("id").asString() + "/confirmation",
                        partner,
                        "{\"reference\": \"RF\\u0000-1\"}");

                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
                assertThat(stateOf(remedy)).isEqualTo("FULFILLING");
            }
        }

        @Test
        void aPartnerCannotConfirmAnotherPartnersFulfilment() {
            var partner = newPartner();
            var other = newPartner();
            try (var receiver = WebhookReceiver.answering(200)) {
                receiver.useSecret(
                        register(partner, receiver.url()).path("secret").asString());
                var remedy = acceptedRefund(partner);

                var response = api.post(
                        "/api/partner/fulfilments/" + remedy.path("id").asString() + "/confirmation", other, "{}");

                assertThat(response.status()).isEqualTo(404);
                assertThat(stateOf(remedy)).isEqualTo("FULFILLING");
            }
        }
    }
}
