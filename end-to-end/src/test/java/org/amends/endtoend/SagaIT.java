package org.amends.endtoend;

import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.pause;
import static org.amends.endtoend.GatewayCalls.request;
import static org.amends.endtoend.GatewayCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.amends.testkit.Servers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The saga of one case, end to end through the gateway with real Keycloak tokens: a partner registers its webhook, files
 * a case, an agent proposes a refund and a supervisor approves it, an agent acknowledges the case, the customer accepts
 * the refund on the public status page, the partner receives the signed delivery and confirms it, the case resolves
 * itself and the customer leaves feedback.
 */
class SagaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static AmendsPlatform platform;
    private static HttpServer partnerServer;
    private static final LinkedBlockingQueue<Delivery> DELIVERIES = new LinkedBlockingQueue<>();

    /** What the partner's endpoint received: the Standard Webhooks headers and the raw body. */
    private record Delivery(
            @Nullable String id,
            @Nullable String timestamp,
            @Nullable String signature,
            String body) {}

    @BeforeAll
    static void platformAndPartnerEndpoint() throws IOException {
        platform = AmendsPlatform.instance();
        partnerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", Servers.freePort()), 0);
        partnerServer.createContext("/amends/webhooks", SagaIT::receive);
        partnerServer.start();
    }

    @AfterAll
    static void stopPartnerEndpoint() {
        partnerServer.stop(0);
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            DELIVERIES.add(new Delivery(
                    headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    body));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Test
    void aRefundIsOfferedAcceptedDeliveredConfirmedAndTheResolvedCaseIsRated() throws InterruptedException {
        var acme = platform.keycloak().clientCredentialsToken("acme-partner", "acme-secret");
        var agent = platform.keycloak().passwordToken("agent1", "amends");
        var supervisor = platform.keycloak().passwordToken("supervisor1", "amends");

        // 1. The partner registers its endpoint for refunds; the signing secret is shown this once.
        var webhookUrl = "http://127.0.0.1:" + partnerServer.getAddress().getPort() + "/amends/webhooks";
        var registered = send(post("/api/partner/webhooks", acme, """
                {"url":"%s","remedyTypes":["REFUND"]}""".formatted(webhookUrl)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var secret = json(registered).path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(json(registered).path("url").asString()).isEqualTo(webhookUrl);

        // 2. The partner files the case.
        var filed = send(post("/api/cases", acme, """
                {"channel":"PARTNER",
                 "customer":{"name":"Lucía Pérez","email":"lucia@example.com","locale":"es"},
                 "product":"billing","errorKind":"CALCULATION","summary":"Charged twice",
                 "description":"The March invoice was charged twice to the same card.",
                 "impact":"HIGH","orderReference":"ORD-SAGA-%s"}""".formatted(UUID.randomUUID())));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        var caseId = json(filed).path("id").asString();
        assertThat(json(filed).path("status").asString()).isEqualTo("RECEIVED");

        // The seeded policy suggests no REFUND for any error kind, so an agent proposes one (once remedy-service has
        // taken the case in from its opened event) above the agent limit, so that supervisor1 must approve it.
        var proposed = await(
                "remedy-service to know case " + caseId,
                () -> send(post("/api/cases/" + caseId + "/remedies", agent, """
                        {"type":"REFUND","amountMinorUnits":2500,"currency":"EUR"}""")),
                response -> response.statusCode() != 404);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        var remedyId = json(proposed).path("id").asString();
        assertThat(json(proposed).path("type").asString()).isEqualTo("REFUND");
        assertThat(json(proposed).path("state").asString()).isEqualTo("PROPOSED");
        assertThat(json(proposed).path("requiredApproval").asString()).isEqualTo("SUPERVISOR");

        var approved = send(post("/api/remedies/" + remedyId + "/approval", supervisor, ""));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("state").asString()).isEqualTo("OFFERED");

        // 3. An agent acknowledges: the answer carries the customer's status link.
        var acknowledged = send(post("/api/cases/" + caseId + "/acknowledgement", agent, ""));
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).path("case").path("status").asString()).isEqualTo("ACKNOWLEDGED");
        var statusLink = json(acknowledged).path("statusLink").asString();
        assertThat(statusLink).contains("/api/public/status/");
        var token = statusLink.substring(statusLink.lastIndexOf('/') + 1);
        var statusPage = "/api/public/status/" + token;

        // 4. The public status page (no login) shows the refund on offer; the customer accepts it.
        var offered = await(
                "the refund on offer on the status page",
                () -> send(request(statusPage).GET()),
                response -> response.statusCode() == 200 && remedyOnPage(json(response), remedyId, "OFFERED"));
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
        assertThat(remedyOnPage(json(offered), remedyId, "OFFERED"))
                .as(offered.body())
                .isTrue();

        var accepted = send(request(statusPage + "/remedies/" + remedyId + "/acceptance")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).path("state").asString()).isEqualTo("ACCEPTED");

        // 5. The partner's endpoint gets the signed delivery; the test checks the signature itself, then confirms.
        var delivery = DELIVERIES.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivery).as("a webhook delivery within %s", PATIENCE).isNotNull();
        assertThat(delivery.id()).isNotBlank();
        assertThat(delivery.timestamp()).isNotBlank();
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp())))
                .isLessThan(300);
        assertThat(delivery.signature()).isNotBlank();
        assertThat(signatureIsValid(secret, delivery)).as(delivery.signature()).isTrue();
        var payload = GatewayCalls.JSON.readTree(delivery.body());
        assertThat(payload.path("type").asString()).isEqualTo("remedy.fulfilment.requested");
        var data = payload.path("data");
        assertThat(data.path("caseId").asString()).isEqualTo(caseId);
        assertThat(data.path("remedyType").asString()).isEqualTo("REFUND");
        assertThat(data.path("amountMinorUnits").asLong()).isEqualTo(2500);
        assertThat(data.path("currency").asString()).isEqualTo("EUR");
        var confirmationPath = data.path("confirmationPath").asString();
        assertThat(confirmationPath).startsWith("/api/partner/fulfilments/");

        var confirmed = send(post(confirmationPath, acme, """
                {"reference":"ACME-REFUND-1"}"""));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(json(confirmed).path("state").asString()).isEqualTo("FULFILLED");

        // 6. Every accepted remedy fulfilled: the case resolves itself; then the customer rates it.
        var resolved = await(
                "case " + caseId + " resolved",
                () -> send(request("/api/cases/" + caseId)
                        .header("Authorization", "Bearer " + agent)
                        .GET()),
                response -> response.statusCode() == 200
                        && "RESOLVED".equals(json(response).path("status").asString()));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved).path("status").asString()).as(resolved.body()).isEqualTo("RESOLVED");

        var feedback = send(request(statusPage + "/feedback")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"rating":5,"comment":"Gracias"}""")));
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(201);
        assertThat(json(feedback).path("rating").asInt()).isEqualTo(5);
        assertThat(json(feedback).path("commentGiven").asBoolean()).isTrue();

        var page = send(request(statusPage).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(json(page).path("status").asString()).isEqualTo("RESOLVED");
        assertThat(json(page).path("feedbackGiven").asBoolean()).isTrue();
    }

    private static boolean remedyOnPage(JsonNode page, String remedyId, String state) {
        for (var remedy : page.path("remedies")) {
            if (remedyId.equals(remedy.path("remedyId").asString())
                    && "REFUND".equals(remedy.path("type").asString())
                    && remedy.path("amountMinorUnits").asLong() == 2500
                    && state.equals(remedy.path("state").asString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Standard Webhooks, checked independently of the server's code: {@code v1,} + base64 HMAC-SHA256 of
     * {@code id.timestamp.body}, keyed with the base64-decoded part of the secret after {@code whsec_}.
     */
    private static boolean signatureIsValid(String secret, Delivery delivery) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            var signed = delivery.id() + "." + delivery.timestamp() + "." + delivery.body();
            var expected =
                    "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            // The header may carry several space-separated signatures; one matching is enough.
            for (var candidate : delivery.signature().split(" ")) {
                if (MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Asks again until the answer satisfies {@code done} or {@link #PATIENCE} runs out; returns the last answer. */
    private static HttpResponse<String> await(
            String what, Supplier<HttpResponse<String>> ask, Predicate<HttpResponse<String>> done) {
        var deadline = Instant.now().plus(PATIENCE);
        var response = ask.get();
        while (!done.test(response) && Instant.now().isBefore(deadline)) {
            pause(Duration.ofMillis(250));
            response = ask.get();
        }
        return response;
    }

    private static HttpRequest.Builder post(String path, String token, String body) {
        return request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
