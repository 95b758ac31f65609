package org.amends.gateway;

import static org.amends.gateway.GatewayTestServers.CASE_SERVICE_LINK;
import static org.amends.gateway.GatewayTestServers.INSIGHT_SERVICE;
import static org.amends.gateway.GatewayTestServers.PUBLIC_URL;
import static org.amends.gateway.GatewayTestServers.REMEDY_SERVICE;
import static org.amends.gateway.GatewayTestServers.freshClientAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The services' OpenAPI documents and the interactive API page, as the gateway publishes them: without a login. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry properties) {
        GatewayTestServers.register(properties);
    }

    @LocalServerPort
    int port;

    @Nested
    class TheServicesDocuments {

        @ParameterizedTest(name = "{0} is the document of {1}")
        @CsvSource({"/v3/api-docs/case, case-service", "/v3/api-docs/remedy, remedy-service"})
        void areOpenWithoutATokenAndNameTheGatewayAsTheirOnlyServer(String path, String service) {
            var response = send(get(path));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            var document = json(response);
            assertThat(document.path("info").path("title").asString()).isEqualTo(service);
            assertThat(document.path("servers").size()).isEqualTo(1);
            assertThat(document.path("servers").path(0).path("url").asString()).isEqualTo(PUBLIC_URL);
            assertThat(document.path("paths").has("/api/things/{id}"))
                    .as("the paths pass unchanged")
                    .isTrue();
            assertThat(Long.parseLong(
                            response.headers().firstValue("Content-Length").orElseThrow()))
                    .as("the length of the rewritten document")
                    .isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length);
        }

        @Test
        void areFetchedFromEachServicesOwnApiDocsPath() {
            var before = REMEDY_SERVICE.received().size();

            send(get("/v3/api-docs/remedy"));

            assertThat(REMEDY_SERVICE
                            .received()
                            .subList(before, REMEDY_SERVICE.received().size()))
                    .extracting(ServiceStandIn.Received::path)
                    .containsExactly("/v3/api-docs");
        }

        @Test
        void aServiceThatPublishesNoDocumentYetIsAnsweredServiceUnavailable() {
            var response = send(get("/v3/api-docs/insight"));

            assertProblem(response, 503, "service-unavailable");
            assertThat(json(response).path("detail").asString()).contains("insight-service");
            assertThat(INSIGHT_SERVICE.lastFor("/v3/api-docs")).isNotNull();
        }

        @Test
        void anUnreachableServiceIsAnsweredServiceUnavailable() {
            CASE_SERVICE_LINK.cut();
            try {
                assertProblem(send(get("/v3/api-docs/case")), 503, "service-unavailable");
            } finally {
                CASE_SERVICE_LINK.restore();
            }
        }

        @Test
        void carryTheApisSecurityHeaders() {
            var response = send(get("/v3/api-docs/case"));

            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Server")).isEmpty();
        }

        @Test
        void theGatewaysOwnDocumentIsNotPublished() {
            var response = send(get("/v3/api-docs"));

            assertThat(response.statusCode())
                    .as("the gateway's own, empty document")
                    .isEqualTo(401);
        }
    }

    @Nested
    class TheApiPage {

        @Test
        void isServedWithoutATokenUnderAPolicyThatAllowsTheGatewaysOwnFilesOnly() {
            var response = send(get("/api/docs"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.uri().getPath()).isEqualTo("/api/docs/swagger-ui/index.html");
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("swagger-ui");
            var csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'none'")
                    .contains("script-src 'self';")
                    .contains("connect-src 'self';")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval")
                    .doesNotContain("http");
            assertThat(response.body())
                    .as("no inline script: every script comes from a file")
                    .doesNotContainPattern(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>"));
        }

        @Test
        void everyScriptAndStylesheetThePageNamesIsServedByTheGatewayWithoutAToken() {
            var page = send(get("/api/docs"));
            var files = Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css))\"")
                    .matcher(page.body())
                    .results()
                    .map(match -> page.uri().resolve(match.group(1)))
                    .toList();

            assertThat(files).isNotEmpty();
            assertThat(files).allSatisfy(file -> {
                assertThat(file.getAuthority()).isEqualTo(page.uri().getAuthority());
                assertThat(send(HttpRequest.newBuilder(file).header("X-Forwarded-For", freshClientAddress()))
                                .statusCode())
                        .as(file.toString())
                        .isEqualTo(200);
            });
        }

        @Test
        void listsTheThreeServicesDocuments() {
            var response = send(get("/v3/api-docs/swagger-config"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response)
                            .path("urls")
                            .valueStream()
                            .map(url -> url.path("url").asString()))
                    .containsExactlyInAnyOrder("/v3/api-docs/case", "/v3/api-docs/remedy", "/v3/api-docs/insight");
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://amends.org/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("correlationId").asString())
                .isEqualTo(response.headers().firstValue("X-Correlation-Id").orElseThrow());
    }

    /** A call without a token from an address of its own, so that no other test's calls use up its budget. */
    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", freshClientAddress())
                .GET();
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
}
