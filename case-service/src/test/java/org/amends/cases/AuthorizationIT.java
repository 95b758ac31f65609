package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthorizationIT extends CaseServiceIT {

    static final Persona ACME = Persona.partner("acme-partner");
    static final Persona GLOBEX = Persona.partner("globex-partner");
    static final Persona AGENT = Persona.agent("agent1");
    static final Persona ANALYST = Persona.analyst("ana");

    String openAs(Persona persona) {
        var response = api().post("/api/cases", persona, CaseMother.json());
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    @Nested
    class PartnerIsolation {

        @Test
        void partnerCannotSeeAnotherPartnersCase() {
            var id = openAs(ACME);

            var get = api().get("/api/cases/" + id, GLOBEX);
            var timeline = api().get("/api/cases/" + id + "/timeline", GLOBEX);
            var note =
                    api().post("/api/cases/" + id + "/notes", GLOBEX, "{\"text\":\"hi\",\"visibility\":\"CUSTOMER\"}");

            for (var response : List.of(get, timeline, note)) {
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.problemType()).isEqualTo("https://amends.org/problems/not-found");
            }
            assertThat(api().get("/api/cases/" + id, ACME).status()).isEqualTo(200);
        }

        @Test
        void partnerListShowsOnlyItsOwnCases() {
            var acmeCase = openAs(ACME);
            var globexCase = openAs(GLOBEX);
            var agentCase = openAs(AGENT);

            var ids = new ArrayList<String>();
            var submitters = new ArrayList<String>();
            api().get("/api/cases?limit=100", GLOBEX).json().path("items").forEach(c -> {
                ids.add(c.path("id").asString());
                submitters.add(c.path("submittedBy").path("id").asString());
            });

            assertThat(ids).contains(globexCase).doesNotContain(acmeCase, agentCase);
            assertThat(submitters).containsOnly("globex-partner");
        }

        @Test
        void partnerMayAddCustomerNotesButNotInternalOnesAndSeesNoInternalEntries() {
            var id = openAs(ACME);
            api().post(
                            "/api/cases/" + id + "/notes",
                            AGENT,
                            "{\"text\":\"VIP, handle gently\",\"visibility\":\"INTERNAL\"}");

            var customerNote = api().post(
                            "/api/cases/" + id + "/notes",
                            ACME,
                            "{\"text\":\"Customer called again\",\"visibility\":\"CUSTOMER\"}");
            var internalNote = api().post(
                            "/api/cases/" + id + "/notes", ACME, "{\"text\":\"secret\",\"visibility\":\"INTERNAL\"}");

            assertThat(customerNote.status()).isEqualTo(201);
            assertThat(internalNote.status()).isEqualTo(403);
            assertThat(internalNote.problemType()).isEqualTo("https://amends.org/problems/forbidden");
            var partnerView = api().get("/api/cases/" + id + "/timeline", ACME).body();
            assertThat(partnerView).contains("Customer called again").doesNotContain("VIP, handle gently");
            assertThat(api().get("/api/cases/" + id + "/timeline", AGENT).body())
                    .contains("VIP, handle gently");
        }

        @Test
        void partnerCannotAcknowledge() {
            var id = openAs(ACME);

            var response = api().post("/api/cases/" + id + "/acknowledgement", ACME, null);

            assertThat(response.status()).isEqualTo(403);
        }
    }

    @Nested
    class Roles {

        @Test
        void analystMayReadButNotAcknowledge() {
            var id = openAs(AGENT);

            assertThat(api().get("/api/cases/" + id, ANALYST).status()).isEqualTo(200);
            var acknowledge = api().post("/api/cases/" + id + "/acknowledgement", ANALYST, null);

            assertThat(acknowledge.status()).isEqualTo(403);
            assertThat(acknowledge.problemType()).isEqualTo("https://amends.org/problems/forbidden");
            assertThat(api().get("/api/cases/" + id, AGENT)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("RECEIVED");
        }

        @Test
        void analystCannotFileACase() {
            assertThat(api().post("/api/cases", ANALYST, CaseMother.json()).status())
                    .isEqualTo(403);
        }

        @Test
        void adminActsAsAnAgentThroughTheRealmComposites() {
            var id = openAs(AGENT);

            var response = api().post("/api/cases/" + id + "/acknowledgement", Persona.admin("root"), null);

            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Nested
    class Tokens {

        @Test
        void noTokenIsUnauthorized() {
            var response = api().send("GET", "/api/cases", null, null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/unauthorized");
            assertThat(response.header("X-Correlation-Id")).isPresent();
        }

        @Test
        void aForgedTokenIsUnauthorized() {
            var forged = TestServers.JWT.tokenSignedByAnotherKey(AGENT);

            assertThat(api().send("GET", "/api/cases", forged, null).status()).isEqualTo(401);
        }

        @Test
        void anExpiredTokenIsUnauthorized() {
            var expired =
                    TestServers.JWT.token(AGENT, c -> c.expirationTime(new Date(System.currentTimeMillis() - 120_000)));

            assertThat(api().send("GET", "/api/cases", expired, null).status()).isEqualTo(401);
        }

        @Test
        void aTokenForAnotherAudienceIsUnauthorized() {
            var wrongAudience = TestServers.JWT.token(AGENT, c -> c.audience("somebody-else"));

            assertThat(api().send("GET", "/api/cases", wrongAudience, null).status())
                    .isEqualTo(401);
        }

        @Test
        void aTokenFromAnotherIssuerIsUnauthorized() {
            var otherIssuer = TestServers.JWT.token(AGENT, c -> c.issuer("http://localhost:1/realms/other"));

            assertThat(api().send("GET", "/api/cases", otherIssuer, null).status())
                    .isEqualTo(401);
        }

        @Test
        void healthAndMetricsNeedNoToken() {
            assertThat(api().send("GET", "/actuator/health", null, null).status())
                    .isEqualTo(200);
            assertThat(api().send("GET", "/actuator/prometheus", null, null).status())
                    .isEqualTo(200);
        }
    }
}
