package org.amends.gateway;

import static org.amends.gateway.GatewayTestServers.ANONYMOUS_BURST;
import static org.amends.gateway.GatewayTestServers.BUSY_LEASING_CLIENT;
import static org.amends.gateway.GatewayTestServers.CASE_SERVICE;
import static org.amends.gateway.GatewayTestServers.CASE_SERVICE_LINK;
import static org.amends.gateway.GatewayTestServers.INSIGHT_SERVICE;
import static org.amends.gateway.GatewayTestServers.ISSUER;
import static org.amends.gateway.GatewayTestServers.LEASING_CLIENT;
import static org.amends.gateway.GatewayTestServers.REMEDY_SERVICE;
import static org.amends.gateway.GatewayTestServers.TINY_BUDGET_CLIENT;
import static org.amends.gateway.GatewayTestServers.freshClientAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Persona ACME = Persona.partner("acme-partner");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry properties) {
        GatewayTestServers.register(properties);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @Autowired
    ReactiveResilience4jBulkheadProvider bulkheads;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Nested
    class Routing {

        @Test
        void aValidTokenReachesCaseServiceWithItsAuthorizationAndCorrelationIdUnchanged() {
            var token = ISSUER.token(ACME);
            var path = "/api/cases/" + UUID.randomUUID();

            var response = send(
                    get(path).header("Authorization", "Bearer " + token).header("X-Correlation-Id", "routing-test-1"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("path").asString()).isEqualTo(path);
            var upstream = CASE_SERVICE.lastFor(path);
            assertThat(upstream).isNotNull();
            assertThat(upstream.headers().getFirst("Authorization")).isEqualTo("Bearer " + token);
            assertThat(upstream.headers().getFirst("X-Correlation-Id")).isEqualTo("routing-test-1");
        }

        @Test
        void theCollectionPathItselfIsRoutedWithItsBody() {
            var body = "{\"summary\":\"Charged twice\"}";

            var response = send(request("/api/cases")
                    .header("Authorization", "Bearer " + ISSUER.token(ACME))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(response.statusCode()).isEqualTo(201);
            var upstream = CASE_SERVICE.lastFor("/api/cases");
            assertThat(upstream).isNotNull();
            assertThat(upstream.method()).isEqualTo("POST");
            assertThat(upstream.bodyLength()).isEqualTo(body.length());
        }

        @ParameterizedTest(name = "{0} reaches {1}")
        @CsvSource({
            "/api/cases/{id}, case-service",
            "/api/cases/{id}/timeline, case-service",
            "/api/remedies/{id}, remedy-service",
            "/api/cases/{id}/remedies, remedy-service",
            "/api/cases/{id}/remedies/{id}/approval, remedy-service",
            "/api/incidents/{id}, case-service",
            "/api/incidents/{id}/updates, case-service",
            "/api/incidents/{id}/remedy-rule, remedy-service",
            "/api/incidents/{id}/remedy-rule/preview, remedy-service",
            "/api/incidents/{id}/remedy-rule/approval, remedy-service",
            "/api/partner/webhooks, remedy-service",
            "/api/partner/fulfilments/{id}/confirmation, remedy-service",
            "/api/insights/problems/{id}, insight-service",
            "/api/insights/figures, insight-service",
            "/api/insights/corrective-actions/{id}, insight-service"
        })
        void eachApiPathReachesItsServiceUnchanged(String template, String service) {
            var path = template.replace("{id}", UUID.randomUUID().toString());

            var response = send(get(path).header("Authorization", "Bearer " + ISSUER.token(ACME)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("service").asString()).isEqualTo(service);
            assertThat(json(response).path("path").asString()).isEqualTo(path);
            var standIns = Map.of(
                    "case-service", CASE_SERVICE, "remedy-service", REMEDY_SERVICE, "insight-service", INSIGHT_SERVICE);
            standIns.forEach((name, standIn) -> assertThat(standIn.lastFor(path))
                    .as("%s reached %s", path, name)
                    .matches(received -> (received != null) == name.equals(service)));
        }

        @Test
        void theServicesRoutesNeedATokenToo() {
            var path = "/api/remedies/" + UUID.randomUUID();

            assertProblem(send(get(path)), 401, "unauthorized");
            assertThat(REMEDY_SERVICE.lastFor(path)).isNull();
        }

        @Test
        void aPathNoRouteServesIsAnsweredNotFoundAsAProblem() {
            var response = send(get("/api/nothing-here").header("Authorization", "Bearer " + ISSUER.token(ACME)));

            assertProblem(response, 404, "not-found");
        }
    }

    @Nested
    class PublicStatusApi {

        @Test
        void needsNoLoginAndReachesCaseService() {
            var path = "/api/public/status/" + UUID.randomUUID();

            var response = send(get(path).header("X-Forwarded-For", freshClientAddress()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("service").asString()).isEqualTo("case-service");
            assertThat(CASE_SERVICE.lastFor(path).headers().getFirst("Authorization"))
                    .isNull();
            assertThat(response.headers().firstValue("X-RateLimit-Burst-Capacity"))
                    .as("counted against the address's budget")
                    .hasValue(Integer.toString(ANONYMOUS_BURST));
        }

        @Test
        void anAddressOverItsBudgetIsToldWhenToRetryAndOtherAddressesAreNot() {
            var busy = freshClientAddress();
            var answers = new ArrayList<HttpResponse<String>>();
            // A budget of 3 refilled at 1/s: within eight quick calls at least one finds the bucket empty.
            for (int i = 0; i < 8; i++) {
                answers.add(send(get("/api/public/status/" + UUID.randomUUID()).header("X-Forwarded-For", busy)));
            }

            var refused = answers.stream()
                    .filter(answer -> answer.statusCode() == 429)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no call was refused: "
                            + answers.stream().map(HttpResponse::statusCode).toList()));
            assertProblem(refused, 429, "rate-limited");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            var other = send(
                    get("/api/public/status/" + UUID.randomUUID()).header("X-Forwarded-For", freshClientAddress()));
            assertThat(other.statusCode()).isEqualTo(200);
        }

        @Test
        void aClientAddressFurtherLeftThanTheTrustedProxyIsNotBelieved() {
            // The client claims 203.0.113.9; the trusted proxy (the test) saw it come from a fresh address.
            var seen = freshClientAddress();
            var answers = new ArrayList<Integer>();
            for (int i = 0; i < 8; i++) {
                answers.add(send(get("/api/public/status/" + UUID.randomUUID())
                                .header("X-Forwarded-For", "203.0.113." + (i + 1) + ", " + seen))
                        .statusCode());
            }

            assertThat(answers)
                    .as("one budget, however the claimed address varies")
                    .contains(429);
        }
    }

    @Nested
    class Authentication {

        @Test
        void aRequestWithoutTokenIsRefusedWithABearerChallenge() {
            var response = send(get("/api/cases/" + UUID.randomUUID()));

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }

        @Test
        void anExpiredTokenIsRefused() {
            var token = ISSUER.token(
                    ACME,
                    claims -> claims.issueTime(ago(Duration.ofMinutes(20)))
                            .notBeforeTime(ago(Duration.ofMinutes(20)))
                            .expirationTime(ago(Duration.ofMinutes(10))));

            assertRefused(token);
        }

        @Test
        void aTokenNotYetValidIsRefused() {
            var token = ISSUER.token(
                    ACME,
                    claims -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                            .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(20)))));

            assertRefused(token);
        }

        @Test
        void aTokenFromAnotherIssuerIsRefused() {
            assertRefused(ISSUER.token(ACME, claims -> claims.issuer("http://localhost:1/realms/elsewhere")));
        }

        @Test
        void aTokenForAnotherAudienceIsRefused() {
            assertRefused(ISSUER.token(ACME, claims -> claims.audience(List.of("account"))));
        }

        @Test
        void aTokenSignedByAKeyTheRealmNeverPublishedIsRefused() {
            assertRefused(ISSUER.tokenSignedByAnotherKey(ACME));
        }

        @Test
        void aMalformedBearerHeaderIsRefusedAsAnInvalidToken() {
            assertRefused("not a token");
        }

        @Test
        void springSecurityChecksHeaderValuesWithOurFirewall(
                @Autowired WebFilterChainProxy chain, @Autowired ServerWebExchangeFirewall firewall) {
            assertThat(ReflectionTestUtils.getField(chain, "firewall")).isSameAs(firewall);
        }

        @Test
        void aValidTokenOpensNothingOutsideTheApi() {
            var response = send(get("/internal/anything").header("Authorization", "Bearer " + ISSUER.token(ACME)));

            assertProblem(response, 403, "forbidden");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        }

        @Test
        void healthIsOpenWithoutAToken() {
            var response = send(get("/actuator/health"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("status").asString()).isEqualTo("UP");
        }

        private void assertRefused(String token) {
            var path = "/api/cases/" + UUID.randomUUID();

            var response = send(get(path).header("Authorization", "Bearer " + token));

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(CASE_SERVICE.lastFor(path))
                    .as("the refused call never reaches the service")
                    .isNull();
        }
    }

    @Nested
    class RateLimits {

        @Test
        void aClientOverItsBudgetIsToldWhenToRetry() {
            var token = ISSUER.token(Persona.partner(TINY_BUDGET_CLIENT));
            var answers = new ArrayList<HttpResponse<String>>();
            // A budget of 2 refilled at 1/s: within six quick calls at least one finds the bucket empty.
            for (int i = 0; i < 6; i++) {
                answers.add(send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + token)));
            }

            assertThat(answers.getFirst().statusCode()).isEqualTo(200);
            assertThat(answers.getFirst().headers().firstValue("X-RateLimit-Burst-Capacity"))
                    .hasValue("2");
            assertThat(answers.getFirst().headers().firstValue("X-RateLimit-Replenish-Rate"))
                    .hasValue("1");
            var refused = answers.stream()
                    .filter(answer -> answer.statusCode() == 429)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no call was refused: "
                            + answers.stream().map(HttpResponse::statusCode).toList()));
            assertProblem(refused, 429, "rate-limited");
            assertThat(Long.parseLong(
                            refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 2L);
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        }

        @Test
        void aBusyClientTakesItsTokensFromRedisAFewAtATimeAndIsToldWhatItHasLeft() {
            var token = ISSUER.token(Persona.partner(LEASING_CLIENT));

            var remaining = new ArrayList<String>();
            for (int i = 0; i < 3; i++) {
                var response = send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + token));
                assertThat(response.statusCode()).isEqualTo(200);
                remaining.add(
                        response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            }

            assertThat(remaining).as("16 tokens, one spent a request").containsExactly("15", "14", "13");
            var bucket = redis.opsForValue()
                    .get("amends.rate-limit.{" + LEASING_CLIENT + "}.tokens")
                    .block(Duration.ofSeconds(5));
            assertThat(bucket)
                    .as("the first request took a lease of 4 (4/s for the tests' lease of 1 s); the next two were "
                            + "counted here, without Redis")
                    .isEqualTo("12");
        }

        @Test
        void aLeasingClientGetsItsWholeBurstAndNoMore() {
            var token = ISSUER.token(Persona.partner(BUSY_LEASING_CLIENT));
            var started = System.nanoTime();
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < 30; i++) {
                statuses.add(send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + token))
                        .statusCode());
            }
            var seconds = Math.ceilDiv(System.nanoTime() - started, 1_000_000_000L);

            assertThat(statuses.subList(0, 18))
                    .as("four leases of 4, then the 2 tokens left, fewer than a lease, are given too")
                    .containsOnly(200);
            assertThat(statuses).as("the burst ran out").contains(429);
            assertThat(statuses.stream().filter(status -> status == 200).count())
                    .as("at most the burst of 18 and 4 a second after it (%d s), leases or not", seconds)
                    .isLessThanOrEqualTo(18 + 4 * (seconds + 1));
        }

        @Test
        void oneClientsExhaustedBudgetLeavesOtherClientsAlone() {
            var tiny = ISSUER.token(Persona.partner(TINY_BUDGET_CLIENT));
            for (int i = 0; i < 4; i++) {
                send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + tiny));
            }

            var response = send(get("/api/cases/" + UUID.randomUUID())
                    .header("Authorization", "Bearer " + ISSUER.token(Persona.partner("globex-partner"))));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Burst-Capacity"))
                    .hasValue("400");
        }
    }

    @Nested
    class RequestSize {

        @Test
        void aBodyDeclaredLargerThanTheLimitIsRefused() {
            var path = "/api/cases";
            var before = CASE_SERVICE.received().size();

            var response = send(request(path)
                    .header("Authorization", "Bearer " + ISSUER.token(ACME))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2_000))));

            assertProblem(response, 413, "payload-too-large");
            assertThat(CASE_SERVICE.received()).hasSize(before);
        }

        @Test
        void aChunkedBodyThatGrowsPastTheLimitIsRefused() {
            var body = "y".repeat(5_000).getBytes();

            var response = send(request("/api/cases")
                    .header("Authorization", "Bearer " + ISSUER.token(ACME))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

            assertProblem(response, 413, "payload-too-large");
        }
    }

    @Nested
    class Resilience {

        @Test
        void anUnreachableServiceIsAnsweredServiceUnavailable() {
            CASE_SERVICE_LINK.cut();
            try {
                var response = send(
                        get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + ISSUER.token(ACME)));

                assertProblem(response, 503, "service-unavailable");
            } finally {
                CASE_SERVICE_LINK.restore();
            }
        }

        @Test
        void anOpenCircuitAnswersServiceUnavailableWithoutCallingTheService() {
            var breaker = circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("case-service");
            var path = "/api/cases/" + UUID.randomUUID();
            breaker.transitionToForcedOpenState();
            try {
                var response = send(get(path).header("Authorization", "Bearer " + ISSUER.token(ACME)));

                assertProblem(response, 503, "service-unavailable");
                assertThat(CASE_SERVICE.lastFor(path)).isNull();
            } finally {
                breaker.transitionToClosedState();
            }
        }

        @Test
        void aFullBulkheadAnswersServiceUnavailableWithRetryAfterWithoutCallingTheService() {
            var path = "/api/cases/" + UUID.randomUUID();
            var token = ISSUER.token(ACME);
            assertThat(send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
            var bulkhead = bulkheads.getBulkheadRegistry().bulkhead("case-service");
            assertThat(bulkhead.getBulkheadConfig().getMaxConcurrentCalls())
                    .as("amends.gateway.circuit-breaker.max-concurrent-calls, not Resilience4j's 25")
                    .isEqualTo(1000);
            var taken = 0;
            while (bulkhead.tryAcquirePermission()) {
                taken++;
            }
            try {
                var response = send(get(path).header("Authorization", "Bearer " + token));

                assertProblem(response, 503, "service-unavailable");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(CASE_SERVICE.lastFor(path)).isNull();
            } finally {
                for (var i = 0; i < taken; i++) {
                    bulkhead.releasePermission();
                }
            }
            assertThat(send(get(path).header("Authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void aServiceSlowerThanTheResponseTimeoutIsAnsweredGatewayTimeout() {
            var started = Instant.now();

            var response = send(get("/api/cases/slow").header("Authorization", "Bearer " + ISSUER.token(ACME)));

            assertProblem(response, 504, "gateway-timeout");
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(2_900));
        }

        @Test
        void aLargeListOfAffectedCustomersMayTakeLongerThanTheResponseTimeout() {
            var list = new StringBuilder();
            for (int i = 1; i <= 20_000; i++) {
                list.append("{\"customerRef\":\"C-")
                        .append(i)
                        .append("\",\"name\":\"Customer ")
                        .append(i)
                        .append("\",\"email\":\"c")
                        .append(i)
                        .append("@example.com\",\"locale\":\"en\"}\n");
            }
            var body = list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var path = "/api/incidents/slow/affected";

            // The stand-in answers after three seconds, past the one-second response timeout of every other route.
            var response = send(request(path)
                    .header("Authorization", "Bearer " + ISSUER.token(Persona.supervisor("sam")))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

            assertThat(response.statusCode()).isEqualTo(201);
            var received = CASE_SERVICE.lastFor(path);
            assertThat(received).isNotNull();
            assertThat(received.bodyLength()).isEqualTo(body.length);
        }
    }

    @Nested
    class Headers {

        @Test
        void everyApiResponseCarriesTheEdgesSecurityHeadersWhateverTheServiceSent() {
            var response = send(
                    get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + ISSUER.token(ACME)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertSecurityHeaders(response);
            assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("HSTS only over https")
                    .isEmpty();
        }

        @Test
        void problemsTheGatewayWritesCarryThemToo() {
            assertSecurityHeaders(send(get("/api/cases/" + UUID.randomUUID())));
        }

        private void assertSecurityHeaders(HttpResponse<String> response) {
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertThat(headers.firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Nested
    class Correlation {

        @Test
        void aWellFormedIncomingIdIsEchoedOnceAndPassedOn() {
            var path = "/api/cases/" + UUID.randomUUID();

            var response = send(get(path)
                    .header("Authorization", "Bearer " + ISSUER.token(ACME))
                    .header("X-Correlation-Id", "partner.call-42_A"));

            assertThat(response.headers().allValues("X-Correlation-Id")).containsExactly("partner.call-42_A");
            assertThat(CASE_SERVICE.lastFor(path).headers().getFirst("X-Correlation-Id"))
                    .isEqualTo("partner.call-42_A");
        }

        @Test
        void aMissingIdIsMintedAndTheServiceGetsTheSameOne() {
            var path = "/api/cases/" + UUID.randomUUID();

            var response = send(get(path).header("Authorization", "Bearer " + ISSUER.token(ACME)));

            var minted = response.headers().firstValue("X-Correlation-Id").orElseThrow();
            assertThat(UUID.fromString(minted)).isNotNull();
            assertThat(CASE_SERVICE.lastFor(path).headers().getFirst("X-Correlation-Id"))
                    .isEqualTo(minted);
        }

        @Test
        void aMalformedIdIsReplacedNotEchoed() {
            var tooLong = "a".repeat(65);

            var response = send(get("/api/cases/" + UUID.randomUUID())
                    .header("Authorization", "Bearer " + ISSUER.token(ACME))
                    .header("X-Correlation-Id", tooLong));

            var answered = response.headers().firstValue("X-Correlation-Id").orElseThrow();
            assertThat(answered).isNotEqualTo(tooLong);
            assertThat(UUID.fromString(answered)).isNotNull();
        }

        @Test
        @ExtendWith(OutputCaptureExtension.class)
        void theGatewaysLogLinesAboutARequestCarryItsId(CapturedOutput output) {
            var path = "/api/cases/" + UUID.randomUUID();
            CASE_SERVICE_LINK.cut();
            try {
                var response = send(get(path)
                        .header("Authorization", "Bearer " + ISSUER.token(ACME))
                        .header("X-Correlation-Id", "logged-503-9"));

                assertThat(response.statusCode()).isEqualTo(503);
            } finally {
                CASE_SERVICE_LINK.restore();
            }
            // The warning about the failed call and the access line, each written on whatever thread ran it (the
            // access line when the exchange completes, which may be just after the client has its answer).
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(output.getOut().lines().filter(line -> line.contains(path)))
                            .anySatisfy(line ->
                                    assertThat(line).contains("[logged-503-9]").contains("503 on " + path))
                            .anySatisfy(line ->
                                    assertThat(line).contains("[logged-503-9]").contains("GET " + path + " -> 503")));
        }

        @Test
        void aProblemCarriesTheIdInItsHeaderAndBody() {
            var response = send(get("/api/cases/" + UUID.randomUUID()).header("X-Correlation-Id", "no-token-7"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("no-token-7");
            assertThat(json(response).path("correlationId").asString()).isEqualTo("no-token-7");
        }
    }

    @Nested
    class Metrics {

        @Test
        void aRoutedRequestShowsUpWithItsRouteAndStatus() {
            send(get("/api/cases/" + UUID.randomUUID()).header("Authorization", "Bearer " + ISSUER.token(ACME)));

            var response = send(get("/actuator/prometheus"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().lines())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("spring_cloud_gateway_requests_seconds_count{")
                            .contains("routeId=\"case-service\"")
                            .contains("httpStatusCode=\"200\""));
            assertThat(response.body().lines())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("resilience4j_circuitbreaker_state{")
                            .contains("name=\"case-service\""));
            // Timed once, by its route: not again by an observation of the call to the service.
            assertThat(response.body().lines()).noneMatch(line -> line.startsWith("http_client_requests"));
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://amends.org/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        var correlationId = response.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(problem.path("correlationId").asString()).isEqualTo(correlationId);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the gateway did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }
}
