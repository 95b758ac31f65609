package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.amends.insight.Events.Case;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiIT extends InsightServiceIT {

    static final Persona ANALYST = Persona.analyst("ana");
    static final Persona SUPERVISOR = Persona.supervisor("sue");
    static final Persona ADMIN = Persona.admin("ada");
    static final Persona AGENT = Persona.agent("al");
    static final Persona PARTNER = Persona.partner("acme-partner");

    String aProblem() {
        var c = Case.of("product-" + UUID.randomUUID().toString().substring(0, 8), "EXECUTION", Instant.now());
        publish(Events.opened(c));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !jdbc.sql("SELECT problem_id FROM cases WHERE case_id = :id")
                        .param("id", c.caseId())
                        .query(UUID.class)
                        .list()
                        .isEmpty());
        return jdbc.sql("SELECT problem_id FROM cases WHERE case_id = :id")
                .param("id", c.caseId())
                .query(UUID.class)
                .single()
                .toString();
    }

    long actions() {
        return jdbc.sql("SELECT count(*) FROM corrective_actions")
                .query(Long.class)
                .single();
    }

    static final String ACTION = """
            {"description": "Stop the double billing run", "owner": "billing-team", "dueDate": "2030-01-31"}""";

    @Nested
    class Roles {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/insights/problems",
                    "/api/insights/figures",
                    "/api/insights/alerts",
                    "/api/insights/corrective-actions/0b7e3c52-9a1d-4f6e-8c2b-5d4a3f2e1c0b"
                })
        void partnersAndAgentsAreRefusedEverywhere(String path) {
            for (var persona : new Persona[] {AGENT, PARTNER}) {
                var response = api.get(path, persona);
                assertThat(response.status())
                        .as(persona.username() + " " + path)
                        .isEqualTo(403);
                assertThat(response.problemType()).isEqualTo("https://amends.org/problems/forbidden");
            }
        }

        @Test
        void analystsSupervisorsAndAdminsRead() {
            for (var persona : new Persona[] {ANALYST, SUPERVISOR, ADMIN}) {
                assertThat(api.get("/api/insights/problems", persona).status()).isEqualTo(200);
                assertThat(api.get("/api/insights/figures", persona).status()).isEqualTo(200);
                assertThat(api.get("/api/insights/alerts", persona).status()).isEqualTo(200);
            }
        }

        @Test
        void withoutATokenTheAnswerIs401() {
            assertThat(api.send("GET", "/api/insights/problems", null, null).status())
                    .isEqualTo(401);
        }

        @Test
        void supervisorsReadCorrectiveActionsButDoNotWriteThem() {
            var problemId = aProblem();
            var before = actions();

            var refused = api.post("/api/insights/problems/" + problemId + "/corrective-actions", SUPERVISOR, ACTION);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(actions()).isEqualTo(before);
            var planned = api.post("/api/insights/problems/" + problemId + "/corrective-actions", ANALYST, ACTION);
            assertThat(planned.status()).as(planned.body()).isEqualTo(201);
            assertThat(planned.json().path("status").asString()).isEqualTo("PLANNED");
            assertThat(planned.json().path("createdBy").asString()).isEqualTo("ana");
            var id = planned.json().path("actionId").asString();
            assertThat(api.get("/api/insights/corrective-actions/" + id, SUPERVISOR)
                            .status())
                    .isEqualTo(200);
            assertThat(api.send(
                                    "PATCH",
                                    "/api/insights/corrective-actions/" + id,
                                    api.token(SUPERVISOR),
                                    "{\"status\": \"DONE\"}")
                            .status())
                    .isEqualTo(403);
            var byAdmin = api.send(
                    "PATCH",
                    "/api/insights/corrective-actions/" + id,
                    api.token(ADMIN),
                    "{\"status\": \"IN_PROGRESS\"}");
            assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
            assertThat(byAdmin.json().path("status").asString()).isEqualTo("IN_PROGRESS");
        }

        @Test
        void onlyAdminsRebuild() {
            assertThat(api.post("/api/insights/admin/rebuild", ANALYST, null).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/insights/admin/rebuild", SUPERVISOR, null).status())
                    .isEqualTo(403);
        }

        @Test
        void supervisorsMayAcknowledgeAlerts() {
            var missing = api.post("/api/insights/alerts/" + UUID.randomUUID() + "/acknowledgement", SUPERVISOR, null);

            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.problemType()).isEqualTo("https://amends.org/problems/not-found");
            assertThat(api.post("/api/insights/alerts/" + UUID.randomUUID() + "/acknowledgement", AGENT, null)
                            .status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class BadInput {

        @Test
        void anActionWithoutItsFieldsIsRefusedFieldByFieldAndNothingIsWritten() {
            var problemId = aProblem();
            var before = actions();

            var response = api.post(
                    "/api/insights/problems/" + problemId + "/corrective-actions", ANALYST, "{\"description\": \" \"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
            assertThat(response.json().path("errors").toString()).contains("description", "owner", "dueDate");
            assertThat(actions()).isEqualTo(before);
        }

        @Test
        void aDueDateThatIsNotADateIsAValidationProblem() {
            var response = api.post(
                    "/api/insights/problems/" + aProblem() + "/corrective-actions",
                    ANALYST,
                    "{\"description\": \"x\", \"owner\": \"y\", \"dueDate\": \"soon\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("errors").toString()).contains("dueDate");
        }

        @Test
        void anActionOnAnUnknownProblemIsNotFound() {
            var before = actions();

            var response =
                    api.post("/api/insights/problems/" + UUID.randomUUID() + "/corrective-actions", ANALYST, ACTION);

            assertThat(response.status()).isEqualTo(404);
            assertThat(actions()).isEqualTo(before);
        }

        @Test
        void nobodyMarksAnActionIneffectiveByHand() {
            var planned = api.post("/api/insights/problems/" + aProblem() + "/corrective-actions", ANALYST, ACTION);
            var id = planned.json().path("actionId").asString();

            var response = api.send(
                    "PATCH",
                    "/api/insights/corrective-actions/" + id,
                    api.token(ANALYST),
                    "{\"status\": \"INEFFECTIVE\", \"owner\": \"someone-else\"}");

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/illegal-transition");
            var unchanged =
                    api.get("/api/insights/corrective-actions/" + id, ANALYST).json();
            assertThat(unchanged.path("status").asString()).isEqualTo("PLANNED");
            assertThat(unchanged.path("owner").asString()).isEqualTo("billing-team");
        }

        @Test
        void queryParametersOutOfRangeAreValidationProblems() {
            for (var path : new String[] {
                "/api/insights/problems?limit=0",
                "/api/insights/problems?offset=-1",
                "/api/insights/problems?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "/api/insights/figures?from=yesterday",
                "/api/insights/alerts?kind=NOISE"
            }) {
                var response = api.get(path, ANALYST);
                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(response.problemType()).as(path).isEqualTo("https://amends.org/problems/validation");
            }
        }
    }
}
