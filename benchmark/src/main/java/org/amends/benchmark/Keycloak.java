package org.amends.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Real tokens from the realm the platform runs with: partners by client credentials, the agent by direct grant. */
final class Keycloak {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI tokenEndpoint;

    Keycloak(String issuer) {
        this.tokenEndpoint = URI.create(issuer + "/protocol/openid-connect/token");
    }

    /** Fresh tokens; fetched before every step, so none expires during one. */
    LoadPlan.Tokens tokens() {
        return new LoadPlan.Tokens(
                token("grant_type=client_credentials&client_id=acme-partner&client_secret=acme-secret"),
                token("grant_type=client_credentials&client_id=globex-partner&client_secret=globex-secret"),
                token("grant_type=password&client_id=amends-cli&username=agent1&password="
                        + URLEncoder.encode("amends", StandardCharsets.UTF_8)));
    }

    /** A user's token by direct grant (the realm's demo users share the password {@code amends}). */
    String password(String username) {
        return token("grant_type=password&client_id=amends-cli&username=" + username + "&password="
                + URLEncoder.encode("amends", StandardCharsets.UTF_8));
    }

    private String token(String form) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return json.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not answering at " + tokenEndpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
