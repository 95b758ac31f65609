package org.amends.abuse;

import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.request;
import static org.amends.endtoend.GatewayCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.amends.endtoend.AmendsPlatform;
import org.amends.testkit.TestPostgres;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** What every abuse test needs: tokens of the realm's personas, calls through the gateway, and what was stored. */
final class Abuse {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Abuse() {}

    static AmendsPlatform platform() {
        return AmendsPlatform.instance();
    }

    static String acme() {
        return platform().keycloak().clientCredentialsToken("acme-partner", "acme-secret");
    }

    static String globex() {
        return platform().keycloak().clientCredentialsToken("globex-partner", "globex-secret");
    }

    /** A demo user's token: agent1, supervisor1, analyst1 or admin1. */
    static String user(String username) {
        return platform().keycloak().passwordToken(username, "amends");
    }

    /** A valid intake body whose order reference is {@code marker}, so a test finds (or misses) its own case. */
    static ObjectNode caseBody(String marker) {
        var body = parse("""
                {"channel":"PARTNER",
                 "customer":{"name":"Lucía Pérez","email":"lucia@example.com","locale":"es"},
                 "product":"billing","errorKind":"CALCULATION","summary":"Charged twice",
                 "description":"The March invoice was charged twice to the same card.",
                 "impact":"HIGH"}
                """);
        body.put("orderReference", marker);
        ((ObjectNode) body.path("customer")).put("email", "abuse+" + UUID.randomUUID() + "@example.com");
        return body;
    }

    static ObjectNode parse(String text) {
        return (ObjectNode) org.amends.endtoend.GatewayCalls.JSON.readTree(text);
    }

    static String marker() {
        return "ABUSE-" + UUID.randomUUID();
    }

    static HttpResponse<String> get(String path, @Nullable String token) {
        return send(authorised(request(path), token).GET());
    }

    static HttpResponse<String> post(String path, @Nullable String token, String body) {
        return send(authorised(request(path), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> put(String path, @Nullable String token, String body) {
        return send(authorised(request(path), token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, @Nullable String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Files a case as the token's holder and returns its id. */
    static String openCase(String token, String marker) {
        var response = post("/api/cases", token, caseBody(marker).toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    /** The first remedy remedy-service proposed for the case from policy, once it has. */
    static String firstRemedyOf(String caseId) {
        var agent = user("agent1");
        var remedies = Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> get("/api/cases/" + caseId + "/remedies", agent), hasItems());
        return json(remedies).path(0).path("id").asString();
    }

    static Predicate<HttpResponse<String>> hasItems() {
        return response -> response.statusCode() == 200 && !json(response).isEmpty();
    }

    /** A refusal as every service and the gateway give it: the status, and an RFC 9457 problem of ours. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = json(response);
        assertThat(problem.path("type").asString()).startsWith("https://amends.org/problems/");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** One number from a service's own database, e.g. how many cases carry a marker. */
    static long count(TestPostgres.Database database, String sql, Object... parameters) {
        try (var connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not query " + database.name() + ": " + sql, e);
        }
    }

    /** How many cases case-service stored with this order reference. */
    static long casesMarked(String marker) {
        return count(platform().caseDatabase(), "SELECT count(*) FROM cases WHERE order_reference = ?", marker);
    }

    /** A stored text column of one case, as case-service's database holds it. */
    static String storedCaseText(String caseId, String column) {
        try (var connection = DriverManager.getConnection(
                        platform().caseDatabase().jdbcUrl(),
                        platform().caseDatabase().username(),
                        platform().caseDatabase().password());
                var query = connection.prepareStatement("SELECT " + column + " FROM cases WHERE id = ?")) {
            query.setObject(1, UUID.fromString(caseId));
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("case %s stored", caseId).isTrue();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
