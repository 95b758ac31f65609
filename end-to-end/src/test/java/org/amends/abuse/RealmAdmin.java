package org.amends.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.endtoend.GatewayCalls;
import org.amends.testkit.TestKeycloak;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Changes the test Keycloak's {@code amends} realm through its admin REST API, as an operator would: partner clients
 * made and disabled, and a signing key of the test's own that the realm publishes, so that tokens with any claims can
 * be signed by a key the platform trusts.
 */
final class RealmAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final TestKeycloak keycloak;

    RealmAdmin(TestKeycloak keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * A new confidential partner client with the {@code partner} role on its service account; with the
     * {@code amends-api} audience mapper like the realm's partners, or without it. Returns its internal id.
     */
    String createPartner(String clientId, String secret, boolean withAudience) {
        var client = GatewayCalls.JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("secret", secret);
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        if (withAudience) {
            var mapper = client.putArray("protocolMappers").addObject();
            mapper.put("name", "amends-api-audience");
            mapper.put("protocol", "openid-connect");
            mapper.put("protocolMapper", "oidc-audience-mapper");
            mapper.putObject("config")
                    .put("included.custom.audience", "amends-api")
                    .put("access.token.claim", "true");
        }
        var created = call("POST", "/clients", client.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var location = created.headers().firstValue("Location").orElseThrow();
        var id = location.substring(location.lastIndexOf('/') + 1);
        var serviceAccount = json(call("GET", "/clients/" + id + "/service-account-user", null));
        var role = call("GET", "/roles/partner", null).body();
        var granted = call(
                "POST", "/users/" + serviceAccount.path("id").asString() + "/role-mappings/realm", "[" + role + "]");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        return id;
    }

    void setEnabled(String id, boolean enabled) {
        var updated = call("PUT", "/clients/" + id, "{\"enabled\": " + enabled + "}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /**
     * Adds an RSA key of the test's own to the realm as a passive key: Keycloak publishes it with its signing keys
     * (so the gateway and the services trust it) but never signs with it. Returns it with the key id Keycloak gave it.
     */
    TrustedKey addTrustedKey() {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        var realmId = json(call("GET", "", null)).path("id").asString();
        var component = GatewayCalls.JSON.createObjectNode();
        component.put("name", "abuse-test-" + UUID.randomUUID());
        component.put("providerId", "rsa");
        component.put("providerType", "org.keycloak.keys.KeyProvider");
        component.put("parentId", realmId);
        var config = component.putObject("config");
        config.putArray("priority").add("1");
        config.putArray("enabled").add("true");
        config.putArray("active").add("false");
        config.putArray("algorithm").add("RS256");
        try {
            config.putArray("privateKey")
                    .add(Base64.getEncoder().encodeToString(key.toPrivateKey().getEncoded()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        var created = call("POST", "/components", component.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var location = created.headers().firstValue("Location").orElseThrow();
        var componentId = location.substring(location.lastIndexOf('/') + 1);
        for (var published : json(call("GET", "/keys", null)).path("keys")) {
            if (published.path("providerId").asString().equals(componentId)) {
                return new TrustedKey(
                        new RSAKey.Builder(key)
                                .keyID(published.path("kid").asString())
                                .build(),
                        keycloak.issuer());
            }
        }
        throw new AssertionError("Keycloak did not list the added key " + componentId);
    }

    /** A key the realm publishes, and tokens signed with it. */
    record TrustedKey(RSAKey key, String issuer) {

        /** A partner token with the realm's claims for {@code clientId}, changed by {@code change}. */
        String partnerToken(String clientId, java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) {
            var now = System.currentTimeMillis();
            var claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(UUID.randomUUID().toString())
                    .audience(List.of("amends-api", "account"))
                    .issueTime(new java.util.Date(now))
                    .notBeforeTime(new java.util.Date(now - 1000))
                    .expirationTime(
                            new java.util.Date(now + Duration.ofMinutes(5).toMillis()))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("typ", "Bearer")
                    .claim("azp", clientId)
                    .claim("preferred_username", "service-account-" + clientId)
                    .claim("realm_access", Map.of("roles", List.of("partner")));
            try {
                var jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(key.getKeyID())
                                .build(),
                        change.apply(claims).build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpResponse<String> call(String method, String path, @Nullable String body) {
        var request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/amends" + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + keycloak.adminToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Keycloak's admin API did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayCalls.JSON.readTree(response.body());
    }
}
