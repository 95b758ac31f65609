package org.amends.abuse;

import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.casesMarked;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.platform;
import static org.amends.abuse.Abuse.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.amends.testkit.TestJwtIssuer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Broken authentication (API2): every token that is missing, forged, tampered, out of its time or meant for someone
 * else is refused by the gateway with a 401 problem, and the case it tried to file does not exist. The claim checks
 * (issuer, audience, expiry, not-before) are proven with a key the realm really publishes, so a refusal there is the
 * claim's doing and not the signature's: the same key with right claims is let through.
 */
class AuthenticationAbuseIT {

    private static RealmAdmin realm;
    private static RealmAdmin.TrustedKey trusted;

    @BeforeAll
    static void aKeyTheRealmPublishes() {
        realm = new RealmAdmin(platform().keycloak());
        trusted = realm.addTrustedKey();
        // The gateway and the services fetch the realm's key set again when they meet a key id they do not know; wait
        // until they trust the new key, so that every refusal below is the claims' doing.
        var token = trusted.partnerToken("acme-partner", claims -> claims);
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> get("/api/cases?limit=1", token).statusCode() == 200);
    }

    /** Tries to file a case with the token; expects a 401 problem and no case. */
    private static void refused(@Nullable String token) {
        var marker = marker();

        var response = post("/api/cases", token, caseBody(marker).toString());

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(casesMarked(marker)).isZero();
    }

    @Test
    void aTokenSignedByTheRealmsPublishedTestKeyWithRightClaimsIsAccepted() {
        var marker = marker();

        var response = post(
                "/api/cases",
                trusted.partnerToken("acme-partner", claims -> claims),
                caseBody(marker).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(casesMarked(marker)).isOne();
    }

    @Nested
    class TheGatewayRefuses {

        @Test
        void noToken() {
            refused(null);
        }

        @Test
        void aTokenThatIsNotAJwt() {
            refused("not-a-jwt");
        }

        @Test
        void anExpiredToken() {
            refused(trusted.partnerToken(
                    "acme-partner",
                    claims -> claims.issueTime(ago(Duration.ofMinutes(20)))
                            .notBeforeTime(ago(Duration.ofMinutes(20)))
                            .expirationTime(ago(Duration.ofMinutes(5)))));
        }

        @Test
        void aTokenNotYetValid() {
            refused(trusted.partnerToken(
                    "acme-partner",
                    claims -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                            .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(20))))));
        }

        @Test
        void aTokenOfAnotherIssuer() {
            refused(trusted.partnerToken(
                    "acme-partner",
                    claims -> claims.issuer(platform().keycloak().baseUrl() + "/realms/master")));
        }

        @Test
        void aTokenForAnotherAudience() {
            refused(trusted.partnerToken("acme-partner", claims -> claims.audience(List.of("account"))));
        }

        @Test
        void aRealTokenOfAClientWithoutTheApiAudience() {
            var clientId = "abuse-no-audience-" + UUID.randomUUID().toString().substring(0, 8);
            realm.createPartner(clientId, "secret-" + clientId, false);

            refused(platform().keycloak().clientCredentialsToken(clientId, "secret-" + clientId));
        }

        @Test
        void aTokenWithTheRealmsIssuerSignedByAnotherKey() {
            try (var issuer = TestJwtIssuer.start()) {
                refused(issuer.token(
                        Persona.partner("acme-partner"),
                        claims -> claims.issuer(platform().keycloak().issuer())));
            }
        }

        @Test
        void aRealTokenWithItsSignatureStripped() {
            var parts = Abuse.acme().split("\\.");
            var header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");

            refused(header + "." + parts[1] + ".");
            refused(parts[0] + "." + parts[1] + ".");
        }

        @Test
        void aRealTokenWhosePayloadWasChanged() {
            var parts = Abuse.acme().split("\\.");
            var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            var escalated = payload.replace("\"partner\"", "\"admin\"").replace("acme-partner", "globex-partner");
            assertThat(escalated).isNotEqualTo(payload);

            refused(parts[0] + "." + base64(escalated) + "." + parts[2]);
        }
    }

    @Nested
    class ADisabledClient {

        /**
         * Disabling a client stops new tokens at once. A token issued before stays valid until it expires (the realm's
         * access tokens live five minutes): the gateway and the services check tokens offline, by signature and
         * expiry, and ask Keycloak nothing per request.
         */
        @Test
        void getsNoNewTokenWhileATokenIssuedBeforeWorksUntilItExpires() {
            var clientId = "abuse-disabled-" + UUID.randomUUID().toString().substring(0, 8);
            var id = realm.createPartner(clientId, "secret-" + clientId, true);
            var before = platform().keycloak().clientCredentialsToken(clientId, "secret-" + clientId);
            assertThat(get("/api/cases?limit=1", before).statusCode()).isEqualTo(200);

            realm.setEnabled(id, false);

            assertThatThrownBy(() -> platform().keycloak().clientCredentialsToken(clientId, "secret-" + clientId))
                    .hasMessageContaining("Keycloak refused a token");
            HttpResponse<String> stillValid = get("/api/cases?limit=1", before);
            assertThat(stillValid.statusCode()).as(stillValid.body()).isEqualTo(200);
        }
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
