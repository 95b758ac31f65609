package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.amends.cases.intake.IdempotencyKeys;
import org.amends.testkit.Persona;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

class IntakeIT extends CaseServiceIT {

    static final Persona ACME = Persona.partner("acme-partner");
    static final Persona AGENT = Persona.agent("agent1");

    @Autowired
    IdempotencyKeys idempotencyKeys;

    @Autowired
    MeterRegistry registry;

    @Nested
    class HappyPath {

        @Test
        void agentFilesACaseAndGetsItBackWithLocationEtagSeverityAndDueTimes() {
            try (var events = tapEvents()) {
                var before = Instant.now();
                var response = api().post("/api/cases", AGENT, CaseMother.json());

                assertThat(response.status()).isEqualTo(201);
                var body = response.json();
                var id = body.path("id").asString();
                assertThat(response.header("Location")).hasValue("/api/cases/" + id);
                assertThat(UUID.fromString(id).version())
                        .as("a time-ordered id (TimeOrderedIds)")
                        .isEqualTo(7);
                assertThat(response.header("ETag")).hasValue("\"1\"");
                assertThat(body.path("reference").asString()).matches("AMD-[0-9]{6,}");
                assertThat(body.path("status").asString()).isEqualTo("RECEIVED");
                assertThat(body.path("channel").asString()).isEqualTo("WEB");
                assertThat(body.path("submittedBy").path("id").asString()).isEqualTo("agent1");
                assertThat(body.path("submittedBy").path("kind").asString()).isEqualTo("AGENT");
                assertThat(body.path("severity").asString()).isEqualTo("MEDIUM");
                assertThat(body.path("customer").path("name").asString()).isEqualTo("Ada Lovelace");
                assertThat(body.path("customerId").asString()).isNotBlank();
                assertThat(body.path("triage").path("reasons").isArray()).isTrue();
                var createdAt = Instant.parse(body.path("createdAt").asString());
                assertThat(createdAt).isAfterOrEqualTo(before.minusSeconds(1));
                assertThat(Instant.parse(body.path("acknowledgeDueAt").asString()))
                        .isEqualTo(createdAt.plus(Duration.ofHours(4)));
                assertThat(Instant.parse(body.path("resolveDueAt").asString()))
                        .isEqualTo(createdAt.plus(Duration.ofHours(72)));
                assertThat(body.path("version").asLong()).isEqualTo(1);

                var fetched = api().get("/api/cases/" + id, AGENT);
                assertThat(fetched.status()).isEqualTo(200);
                assertThat(fetched.header("ETag")).hasValue("\"1\"");
                assertThat(fetched.json().path("reference").asString())
                        .isEqualTo(body.path("reference").asString());

                var opened = events.await(id, "amends.case.opened.v1", 1, Duration.ofSeconds(20));
                var data = opened.getFirst().path("data");
                assertThat(data.path("reference").asString())
                        .isEqualTo(body.path("reference").asString());
                assertThat(data.path("caseVersion").asLong()).isEqualTo(1);
                assertThat(data.has("email")).isFalse();
                assertThat(opened.getFirst().path("source").asString()).isEqualTo("/case-service");
            }
        }

        @Test
        void partnerCaseDefaultsToThePartnerChannel() {
            var response = api().post("/api/cases", ACME, CaseMother.json(b -> b.remove("channel")));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().path("channel").asString()).isEqualTo("PARTNER");
            assertThat(response.json().path("submittedBy").path("kind").asString())
                    .isEqualTo("PARTNER");
            assertThat(response.json().path("submittedBy").path("id").asString())
                    .isEqualTo("acme-partner");
        }

        @Test
        void socialMentionWithALargeAudienceRaisesSeverity() {
            var response = api().post("/api/cases", AGENT, CaseMother.json(b -> {
                b.put("channel", "SOCIAL");
                b.put("impact", "LOW");
                ((ObjectNode) b.get("customer")).put("audienceSize", 25_000);
                ((ObjectNode) b.get("customer")).put("socialHandle", "@ada");
            }));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().path("severity").asString()).isEqualTo("HIGH");
        }

        @Test
        void sameEmailMeansTheSameCustomerId() {
            var email = "grace+" + UUID.randomUUID() + "@example.org";
            Consumer<ObjectNode> sameEmail = b -> ((ObjectNode) b.get("customer")).put("email", email);

            var first = api().post("/api/cases", AGENT, CaseMother.json(sameEmail));
            var second = api().post("/api/cases", AGENT, CaseMother.json(sameEmail));
            var other = api().post("/api/cases", AGENT, CaseMother.json());

            assertThat(first.json().path("customerId").asString())
                    .isEqualTo(second.json().path("customerId").asString())
                    .isNotEqualTo(other.json().path("customerId").asString());
        }

        @Test
        void aNewContactFiledBesideAKnownOneTakesItsCustomerId() {
            var email = "grace+" + UUID.randomUUID() + "@example.org";
            var phone = "+34" + (600_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));

            var byEmail = api().post(
                            "/api/cases",
                            AGENT,
                            CaseMother.json(b -> ((ObjectNode) b.get("customer")).put("email", email)));
            var byBoth = api().post(
                            "/api/cases",
                            AGENT,
                            CaseMother.json(b -> ((ObjectNode) b.get("customer"))
                                    .put("email", email)
                                    .put("phone", phone)));
            var byPhone = api().post(
                            "/api/cases",
                            AGENT,
                            CaseMother.json(b -> ((ObjectNode) b.get("customer"))
                                    .put("phone", phone)
                                    .putNull("email")));

            assertThat(List.of(byEmail, byBoth, byPhone))
                    .extracting(response -> response.json().path("customerId").asString())
                    .containsOnly(byEmail.json().path("customerId").asString());
        }

        @Test
        void filingReusesPlansInsideItsOwnTransactionOnly() throws Exception {
            // Enough cases for a connection to run intake's statements more than ten times: the driver prepares a
            // statement on the server at its fifth run, and PostgreSQL weighs a generic plan after five custom ones.
            for (int i = 0; i < 60; i++) {
                var response = i % 2 == 0
                        ? api().post("/api/cases", AGENT, CaseMother.json())
                        : api().post(
                                        "/api/cases",
                                        ACME,
                                        CaseMother.json(),
                                        "Idempotency-Key",
                                        "plans-" + UUID.randomUUID());
                assertThat(response.status()).as(response.body()).isEqualTo(201);
            }

            assertThat(PreparedPlans.pooled(dataSource))
                    .flatExtracting(PreparedPlans.PooledConnection::prepared)
                    .as("the outbox relay's claims still plan each run for the table as it is")
                    .filteredOn(p -> p.sql().contains("FROM outbox") && p.sql().contains("FOR UPDATE SKIP LOCKED"))
                    .isNotEmpty()
                    .allMatch(p -> p.genericPlans() == 0);
            PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(dataSource, "INSERT INTO cases (");
        }

        @Test
        void openingIsCountedInTheMetrics() {
            api().post("/api/cases", AGENT, CaseMother.json(b -> b.put("errorKind", "MEASUREMENT")));

            var metrics = api().send("GET", "/actuator/prometheus", null, null);

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("amends_cases_opened_total{channel=\"WEB\",error_kind=\"MEASUREMENT\"")
                    .contains("amends_outbox_backlog")
                    .contains("amends_outbox_lag_seconds")
                    .contains("amends_case_sla_breaches_total")
                    .contains("amends_case_time_to_acknowledge_seconds_bucket");
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> brokenBodies() {
            return Stream.of(
                    broken("channel", b -> b.put("channel", "CARRIER_PIGEON")),
                    broken("channel", b -> b.remove("channel")),
                    broken("customer", b -> b.remove("customer")),
                    broken("customer.name", b -> customer(b).remove("name")),
                    broken("customer.name", b -> customer(b).put("name", "x".repeat(201))),
                    broken("customer.email", b -> customer(b).put("email", "not-an-email")),
                    broken("customer.email", b -> customer(b).put("email", "a".repeat(320) + "@example.org")),
                    broken("customer.phone", b -> customer(b).put("phone", "call me maybe")),
                    broken("customer", b -> customer(b).remove("email")),
                    broken("customer.locale", b -> customer(b).put("locale", "fr")),
                    broken("customer.audienceSize", b -> customer(b).put("audienceSize", -1)),
                    broken("customer.audienceSize", b -> customer(b).put("audienceSize", "many")),
                    broken("product", b -> b.remove("product")),
                    broken("product", b -> b.put("product", "p".repeat(101))),
                    broken("errorKind", b -> b.put("errorKind", "OOPS")),
                    broken("errorKind", b -> b.remove("errorKind")),
                    broken("summary", b -> b.put("summary", " ")),
                    broken("summary", b -> b.put("summary", "s".repeat(201))),
                    broken("description", b -> b.remove("description")),
                    broken("description", b -> b.put("description", "d".repeat(10_001))),
                    broken("impact", b -> b.put("impact", "ENORMOUS")),
                    broken("orderReference", b -> b.put("orderReference", "o".repeat(101))));
        }

        private static Arguments broken(String field, Consumer<ObjectNode> change) {
            return Arguments.of(field, change);
        }

        private static ObjectNode customer(ObjectNode body) {
            return (ObjectNode) body.get("customer");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("brokenBodies")
        void eachBrokenFieldRuleIsAValidationProblemAndNothingIsStored(String field, Consumer<ObjectNode> change) {
            var product = "validation-" + UUID.randomUUID();
            var body = CaseMother.json(b -> {
                b.put("product", product);
                change.accept(b);
            });

            var response = api().post("/api/cases", AGENT, body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
            var fields = new ArrayList<String>();
            response.json()
                    .path("errors")
                    .forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).contains(field);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
            assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE product = ?")
                            .param(product)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void everyBrokenFieldIsListedAtOnce() {
            var response = api().post("/api/cases", AGENT, "{\"customer\":{}}");

            assertThat(response.status()).isEqualTo(400);
            var fields = new ArrayList<String>();
            response.json()
                    .path("errors")
                    .forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields)
                    .contains(
                            "channel",
                            "customer.name",
                            "customer",
                            "product",
                            "errorKind",
                            "summary",
                            "description",
                            "impact");
        }

        @Test
        void malformedJsonIsAMalformedRequestProblemWithTheCorrelationId() {
            var response = api().post("/api/cases", AGENT, "{\"channel\": \"WEB\",", "X-Correlation-Id", "corr-123");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/malformed-request");
            assertThat(response.json().path("correlationId").asString()).isEqualTo("corr-123");
            assertThat(response.header("X-Correlation-Id")).hasValue("corr-123");
        }

        @Test
        void unknownPropertiesAreIgnored() {
            var response = api().post("/api/cases", AGENT, CaseMother.json(b -> b.put("mood", "grumpy")));

            assertThat(response.status()).isEqualTo(201);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void sameIdempotencyKeyAndBodyReturnsTheFirstCase() {
            var key = "retry-" + UUID.randomUUID();
            var body = CaseMother.json();

            var first = api().post("/api/cases", ACME, body, "Idempotency-Key", key);
            var second = api().post("/api/cases", ACME, body, "Idempotency-Key", key);

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("Location")).isEqualTo(first.header("Location"));
            var email = first.json().path("customer").path("email").asString();
            assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE customer_email = ?")
                            .param(email)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void sameKeyWithADifferentBodyIsRefused() {
            var key = "retry-" + UUID.randomUUID();

            var first = api().post("/api/cases", ACME, CaseMother.json(), "Idempotency-Key", key);
            var second = api().post("/api/cases", ACME, CaseMother.json(), "Idempotency-Key", key);

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(422);
            assertThat(second.problemType()).isEqualTo("https://amends.org/problems/idempotency-key-reused");
        }

        @Test
        void sameKeyFromAnotherPartnerIsAnotherRequest() {
            var key = "retry-" + UUID.randomUUID();
            var body = CaseMother.json();

            var acme = api().post("/api/cases", ACME, body, "Idempotency-Key", key);
            var globex = api().post("/api/cases", Persona.partner("globex-partner"), body, "Idempotency-Key", key);

            assertThat(globex.status()).isEqualTo(201);
            assertThat(globex.json().path("id").asString())
                    .isNotEqualTo(acme.json().path("id").asString());
        }

        @Test
        void concurrentDuplicatesCreateOneCase() throws Exception {
            var key = "burst-" + UUID.randomUUID();
            var body = CaseMother.json();
            var calls = new ArrayList<Callable<ServiceApi.Response>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> api().post("/api/cases", ACME, body, "Idempotency-Key", key));
            }

            var counted = registry.counter("amends.cases.opened", "channel", "WEB", "error_kind", "CALCULATION");
            var countedBefore = counted.count();
            try (var pool = Executors.newFixedThreadPool(8)) {
                var bodies = new HashSet<String>();
                var email = "";
                for (var future : pool.invokeAll(calls)) {
                    var response = future.get();
                    assertThat(response.status()).isEqualTo(201);
                    bodies.add(response.body());
                    email = response.json().path("customer").path("email").asString();
                }
                // One answer, and the twins that lost the race left nothing of their own cases behind.
                assertThat(bodies).hasSize(1);
                assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE customer_email = ?")
                                .param(email)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
                assertThat(jdbc.sql("""
                                SELECT count(*) FROM timeline t JOIN cases c ON c.id = t.case_id
                                WHERE c.customer_email = ?""").param(email).query(Long.class).single())
                        .isEqualTo(1);
                assertThat(counted.count() - countedBefore).isEqualTo(1);
            }
        }

        @Test
        void expiredKeysAreForgotten() {
            var key = "old-" + UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO idempotency_keys (party, idempotency_key, request_hash, created_at)
                            VALUES ('PARTNER:acme-partner', ?, 'x', now() - interval '8 days')""").param(key).update();

            assertThat(idempotencyKeys.purge()).isGreaterThanOrEqualTo(1);
            assertThat(api().post("/api/cases", ACME, CaseMother.json(), "Idempotency-Key", key)
                            .status())
                    .isEqualTo(201);
        }

        @Test
        void anOverlongKeyIsAValidationProblem() {
            var response = api().post("/api/cases", ACME, CaseMother.json(), "Idempotency-Key", "k".repeat(201));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
        }
    }
}
