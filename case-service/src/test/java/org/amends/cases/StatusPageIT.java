package org.amends.cases;

import static org.amends.cases.RemedyEventMother.awaitTrue;
import static org.amends.cases.RemedyEventMother.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StatusPageIT extends CaseServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A case of its own, acknowledged; the customer's status link. */
    record Acknowledged(String caseId, String link) {

        String token() {
            return link.substring(link.lastIndexOf('/') + 1);
        }

        String page() {
            return "/api/public/status/" + token();
        }
    }

    Acknowledged acknowledged(String locale) {
        var opened = api().post(
                        "/api/cases",
                        AGENT,
                        CaseMother.json(b ->
                                ((tools.jackson.databind.node.ObjectNode) b.get("customer")).put("locale", locale)));
        assertThat(opened.status()).isEqualTo(201);
        var id = opened.json().path("id").asString();
        var acknowledged = api().post("/api/cases/" + id + "/acknowledgement", AGENT, null);
        assertThat(acknowledged.status()).isEqualTo(200);
        return new Acknowledged(id, acknowledged.json().path("statusLink").asString());
    }

    ServiceApi.Response anonymous(String method, String path, String body) {
        return api().send(method, path, null, body);
    }

    UUID offered(String caseId) {
        var remedyId = UUID.randomUUID();
        var offer = publish("amends.remedy.offered.v1", caseId, remedyId);
        awaitTrue(
                "offer applied",
                () -> jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                                .param(RemedyEventMother.idOf(offer))
                                .query(Long.class)
                                .single()
                        == 1);
        return remedyId;
    }

    void resolve(String caseId) {
        assertThat(api().post(
                                "/api/cases/" + caseId + "/resolution",
                                AGENT,
                                "{\"rootCauseCode\":\"BILLING-RUN-DOUBLE-CHARGE\",\"summary\":\"Ran twice.\"}")
                        .status())
                .isEqualTo(200);
    }

    @Nested
    class TheToken {

        @Test
        void isIssuedAtAcknowledgementAndStoredOnlyAsItsHash() throws Exception {
            var acknowledged = acknowledged("en");

            assertThat(acknowledged.link()).startsWith("http").contains("/api/public/status/");
            var token = acknowledged.token();
            assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
            var stored = jdbc.sql("SELECT token_hash FROM status_tokens WHERE case_id = ?")
                    .param(UUID.fromString(acknowledged.caseId()))
                    .query(byte[].class)
                    .single();
            assertThat(stored)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            assertThat(anonymous("GET", acknowledged.page(), null).status()).isEqualTo(200);
        }

        @Test
        void aWrongExpiredOrRevokedTokenIsTheSame404AsAnyOtherMissingCase() {
            var expired = acknowledged("en");
            jdbc.sql("UPDATE status_tokens SET expires_at = now() - interval '1 second' WHERE case_id = ?")
                    .param(UUID.fromString(expired.caseId()))
                    .update();
            var revoked = acknowledged("en");
            assertThat(api().send(
                                    "DELETE",
                                    "/api/cases/" + revoked.caseId() + "/status-token",
                                    api().token(AGENT),
                                    null)
                            .status())
                    .isEqualTo(204);

            var anyOther = api().get("/api/cases/" + UUID.randomUUID(), AGENT);
            for (var page : new String[] {"/api/public/status/" + "x".repeat(43), expired.page(), revoked.page()}) {
                var response = anonymous("GET", page, null);
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.header("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertSameProblem(response.json(), anyOther.json());
            }
        }

        @Test
        void reissuingReplacesTheOldLink() {
            var acknowledged = acknowledged("en");

            var reissued = api().post("/api/cases/" + acknowledged.caseId() + "/status-token", AGENT, null);

            assertThat(reissued.status()).isEqualTo(201);
            var link = reissued.json().path("statusLink").asString();
            assertThat(link).isNotEqualTo(acknowledged.link());
            assertThat(anonymous("GET", acknowledged.page(), null).status()).isEqualTo(404);
            assertThat(anonymous("GET", "/api/public/status/" + link.substring(link.lastIndexOf('/') + 1), null)
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void onlyAgentsManageTokens() {
            var acknowledged = acknowledged("en");

            assertThat(api().post(
                                    "/api/cases/" + acknowledged.caseId() + "/status-token",
                                    Persona.partner("acme-partner"),
                                    null)
                            .status())
                    .isEqualTo(403);
            assertThat(anonymous("POST", "/api/cases/" + acknowledged.caseId() + "/status-token", null)
                            .status())
                    .isEqualTo(401);
        }

        private void assertSameProblem(JsonNode problem, JsonNode reference) {
            for (var field : new String[] {"type", "title", "status", "detail"}) {
                assertThat(problem.path(field)).as(field).isEqualTo(reference.path(field));
            }
            assertThat(problem.propertyNames()).containsExactlyInAnyOrderElementsOf(reference.propertyNames());
        }
    }

    @Nested
    class ThePage {

        @Test
        void showsTheCustomerVisibleTimelineAndTheOfferInTheCustomersLanguage() {
            var acknowledged = acknowledged("es");
            assertThat(api().post(
                                    "/api/cases/" + acknowledged.caseId() + "/notes",
                                    AGENT,
                                    "{\"text\":\"Internal: customer is a journalist\",\"visibility\":\"INTERNAL\"}")
                            .status())
                    .isEqualTo(201);
            var proposedOnly = UUID.randomUUID();
            publish("amends.remedy.proposed.v1", acknowledged.caseId(), proposedOnly);
            var remedyId = offered(acknowledged.caseId());

            var page = anonymous("GET", acknowledged.page(), null).json();

            assertThat(page.path("reference").asString()).startsWith("AMD-");
            assertThat(page.path("status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(page.path("locale").asString()).isEqualTo("es");
            assertThat(page.path("statusText").asString()).contains("error");
            assertThat(page.toString())
                    .doesNotContain("journalist")
                    .doesNotContain("REMEDY_PROPOSED")
                    .doesNotContain(proposedOnly.toString());
            assertThat(page.path("timeline")
                            .valueStream()
                            .map(e -> e.path("kind").asString()))
                    .contains("ACKNOWLEDGED", "REMEDY_OFFERED");
            assertThat(page.path("timeline")
                            .valueStream()
                            .map(e -> e.path("text").asString()))
                    .anySatisfy(text -> assertThat(text).contains("un crédito de 15,00 EUR"));
            assertThat(page.path("remedies")).hasSize(1);
            var remedy = page.path("remedies").get(0);
            assertThat(remedy.path("remedyId").asString()).isEqualTo(remedyId.toString());
            assertThat(remedy.path("type").asString()).isEqualTo("CREDIT");
            assertThat(remedy.path("amountMinorUnits").asLong()).isEqualTo(1500);
            assertThat(remedy.path("currency").asString()).isEqualTo("EUR");
            assertThat(remedy.path("state").asString()).isEqualTo("OFFERED");
        }
    }

    @Nested
    class TheAnswer {

        @Test
        void acceptingTheOfferPublishesAValidRemedyAcceptedOnceAndASecondAnswerIsAConflict() {
            try (var events = tapEvents()) {
                var acknowledged = acknowledged("en");
                var remedyId = offered(acknowledged.caseId());
                var base = acknowledged.page() + "/remedies/" + remedyId;

                var accepted = anonymous("POST", base + "/acceptance", null);
                var again = anonymous("POST", base + "/declination", null);

                assertThat(accepted.status()).isEqualTo(202);
                assertThat(accepted.json().path("state").asString()).isEqualTo("ACCEPTED");
                assertThat(again.status()).isEqualTo(409);
                // EventTap checks each event with EventSchemas.assertValid before the test sees it.
                var event = events.await(acknowledged.caseId(), "amends.case.remedy-accepted.v1", 1, WAIT)
                        .getFirst();
                assertThat(event.at("/data/remedyId").asString()).isEqualTo(remedyId.toString());
                assertThat(event.at("/data/caseId").asString()).isEqualTo(acknowledged.caseId());
                assertThat(events.settled(
                                e -> acknowledged
                                                .caseId()
                                                .equals(e.path("subject").asString())
                                        && e.path("type").asString().startsWith("amends.case.remedy-"),
                                Duration.ofSeconds(1)))
                        .hasSize(1);
            }
        }

        @Test
        void decliningTheOfferPublishesRemedyDeclined() {
            try (var events = tapEvents()) {
                var acknowledged = acknowledged("en");
                var remedyId = offered(acknowledged.caseId());

                var declined = anonymous("POST", acknowledged.page() + "/remedies/" + remedyId + "/declination", null);

                assertThat(declined.status()).isEqualTo(202);
                var event = events.await(acknowledged.caseId(), "amends.case.remedy-declined.v1", 1, WAIT)
                        .getFirst();
                assertThat(event.at("/data/remedyId").asString()).isEqualTo(remedyId.toString());
            }
        }

        @Test
        void aRemedyNotOnOfferCannotBeAnswered() {
            var acknowledged = acknowledged("en");
            var proposed = UUID.randomUUID();
            var event = publish("amends.remedy.proposed.v1", acknowledged.caseId(), proposed);
            awaitTrue(
                    "proposal applied",
                    () -> jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                                    .param(RemedyEventMother.idOf(event))
                                    .query(Long.class)
                                    .single()
                            == 1);

            var response = anonymous("POST", acknowledged.page() + "/remedies/" + proposed + "/acceptance", null);

            assertThat(response.status()).isEqualTo(409);
            assertThat(anonymous("POST", acknowledged.page() + "/remedies/" + UUID.randomUUID() + "/acceptance", null)
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void anotherCasesTokenCannotAnswerThisCasesOffer() {
            var mine = acknowledged("en");
            var theirs = acknowledged("en");
            var remedyId = offered(mine.caseId());

            var response = anonymous("POST", theirs.page() + "/remedies/" + remedyId + "/acceptance", null);

            assertThat(response.status()).isEqualTo(404);
        }
    }

    @Nested
    class Feedback {

        @Test
        void beforeResolutionIsAConflict() {
            var acknowledged = acknowledged("en");

            var response = anonymous("POST", acknowledged.page() + "/feedback", "{\"rating\":5}");

            assertThat(response.status()).isEqualTo(409);
        }

        @Test
        void aRatingOutside1To5IsRefusedFieldByField() {
            var acknowledged = acknowledged("en");
            resolve(acknowledged.caseId());

            for (var rating : new String[] {"0", "6"}) {
                var response = anonymous("POST", acknowledged.page() + "/feedback", "{\"rating\":" + rating + "}");
                assertThat(response.status()).isEqualTo(400);
                assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
                assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("rating");
            }
        }

        @Test
        void afterResolutionIsRecordedOnceAndPublishedWithoutTheComment() {
            try (var events = tapEvents()) {
                var acknowledged = acknowledged("en");
                resolve(acknowledged.caseId());

                var rated = anonymous(
                        "POST",
                        acknowledged.page() + "/feedback",
                        "{\"rating\":4,\"comment\":\"Quick and honest, thank you Ada here\"}");
                var again = anonymous("POST", acknowledged.page() + "/feedback", "{\"rating\":1}");

                assertThat(rated.status()).isEqualTo(201);
                assertThat(again.status()).isEqualTo(409);
                var event = events.await(acknowledged.caseId(), "amends.case.feedback-received.v1", 1, WAIT)
                        .getFirst();
                assertThat(event.at("/data/rating").asInt()).isEqualTo(4);
                assertThat(event.at("/data/commentGiven").asBoolean()).isTrue();
                assertThat(event.at("/data/withRemedy").asBoolean()).isFalse();
                assertThat(event.toString()).doesNotContain("Quick and honest");
                assertThat(jdbc.sql("SELECT comment FROM feedback WHERE case_id = ?")
                                .param(UUID.fromString(acknowledged.caseId()))
                                .query(String.class)
                                .single())
                        .isEqualTo("Quick and honest, thank you Ada here");
                assertThat(anonymous("GET", acknowledged.page(), null)
                                .json()
                                .path("feedbackGiven")
                                .asBoolean())
                        .isTrue();
            }
        }
    }
}
