package org.amends.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The portal's session chain beside the token API: login redirects, cookies, CSRF, CSP, public status page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final String REALM = "http://keycloak.example:8180/realms/amends";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry properties) {
        GatewayTestServers.register(properties);
        properties.add("amends.portal.issuer-uri", () -> REALM);
    }

    @LocalServerPort
    int port;

    @Test
    void aPortalPageWithoutASessionRedirectsToTheLogin() {
        var response = send(get("/portal/queue"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");
    }

    @Test
    void theLoginGoesToTheRealmWithPkceAndSetsAnHttpOnlyLaxSessionCookie() {
        var response = send(get("/oauth2/authorization/keycloak"));

        assertThat(response.statusCode()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .startsWith(REALM + "/protocol/openid-connect/auth?")
                .contains("client_id=amends-portal")
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("redirect_uri=http://localhost:" + port + "/login/oauth2/code/keycloak");
        var session = response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("AMENDS_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(session)
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void theSupervisorAndAnalystPagesWithoutASessionRedirectToTheLogin() {
        for (var page : List.of(
                "/portal/risk",
                "/portal/problems",
                "/portal/problems/0b6f3f8e-6d1c-4f43-9a55-1c0d3e6a2b11",
                "/portal/alerts",
                "/portal/figures",
                "/portal/incidents",
                "/portal/incidents/6a1b0f3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b")) {
            var response = send(get(page));

            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue("/oauth2/authorization/keycloak");
        }
    }

    @Test
    void anInsightCallWithoutASessionIsA401ProblemNotARedirect() {
        var response = send(get("/portal/api/insights/problems"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aScriptCallWithoutASessionIsA401ProblemNotARedirect() {
        var response = send(get("/portal/api/cases"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void logoutWithoutTheCsrfTokenIsRefused() {
        var response = send(request("/logout").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void theStatusPageIsPublicWithAStrictCspAndNoInlineScript() {
        var response = send(get("/status/some-token"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<script type=\"module\" src=\"/assets/status.js\">");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "font-src 'self'; connect-src 'self'; form-action 'self' http://keycloak.example:8180; "
                        + "base-uri 'none'; frame-ancestors 'none'");
        assertThat(response.headers().allValues("Set-Cookie"))
                .noneMatch(cookie -> cookie.startsWith("AMENDS_SESSION="));
    }

    @Test
    void theMessagesComeInEnglishAndSpanishOnly() {
        assertThat(send(get("/i18n/es")).body()).contains("\"nav.signOut\":\"Cerrar sesión\"");
        assertThat(send(get("/i18n/fr")).statusCode()).isEqualTo(404);
    }

    @Test
    void theTokenApiStillAnswersWithoutABearerTokenWithA401ProblemAndNoRedirect() {
        var response = send(get("/api/cases"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
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
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
