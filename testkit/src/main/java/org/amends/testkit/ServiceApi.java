package org.amends.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over real HTTP as a persona, the way the gateway forwards requests. */
public final class ServiceApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** One HTTP answer. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String problemType() {
            return json().path("type").asString("");
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final TestJwtIssuer issuer;

    public ServiceApi(String base, TestJwtIssuer issuer) {
        this.base = base;
        this.issuer = issuer;
    }

    public String token(Persona persona) {
        return issuer.token(persona);
    }

    public Response get(String path, Persona persona) {
        return send("GET", path, issuer.token(persona), null);
    }

    public Response post(String path, Persona persona, @Nullable String body, String... headers) {
        return send("POST", path, issuer.token(persona), body, headers);
    }

    public Response put(String path, Persona persona, @Nullable String body) {
        return send("PUT", path, issuer.token(persona), body);
    }

    /** A raw call: {@code token} may be null (no Authorization header) or any string. */
    public Response send(String method, String path, @Nullable String token, @Nullable String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
