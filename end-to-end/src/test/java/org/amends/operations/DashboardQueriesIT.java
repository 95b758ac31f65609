package org.amends.operations;

import static org.amends.operations.Manifests.get;
import static org.amends.operations.Manifests.listAt;
import static org.amends.operations.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.amends.testkit.Persona;
import org.amends.testkit.Servers;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.amends.testkit.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query of every Grafana dashboard and every alerting rule, evaluated by a real Prometheus (Debian's
 * {@code prometheus} package) that scrapes the four services, started from their jars, and RabbitMQ, after a short
 * load through the gateway that sets off every business metric (a spike, a recurrence, a reputation alert, ratings with
 * and without a remedy, a fulfilled credit). A dashboard query must answer with at least one series, unless its panel
 * says it is PENDING (it reads a metric a service does not publish yet); every query must at least parse and evaluate.
 */
class DashboardQueriesIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOGS = Path.of("target", "operations-it");
    private static final int RABBITMQ_PROMETHEUS_PORT = 15692;

    private static final List<String> SERVICES =
            List.of("case-service", "remedy-service", "insight-service", "gateway");

    private static final List<Launched> running = new ArrayList<>();
    private static String prometheus = "";
    private static @Nullable TestJwtIssuer tokens;

    record Query(String where, String expression, boolean pending) {
        @Override
        public String toString() {
            return where;
        }
    }

    @BeforeAll
    static void startThePlatformAndPrometheusAndLoadIt() {
        var issuer = TestJwtIssuer.start();
        tokens = issuer;
        var vhost = TestRabbit.freshVirtualHost("ops");
        var redis = TestRedis.freshDatabase();
        var rabbit = List.of(
                "--spring.rabbitmq.host=" + vhost.host(),
                "--spring.rabbitmq.port=" + vhost.port(),
                "--spring.rabbitmq.username=" + vhost.username(),
                "--spring.rabbitmq.password=" + vhost.password(),
                "--spring.rabbitmq.virtual-host=" + vhost.name());
        var jwt = List.of(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri());
        var ports = new LinkedHashMap<String, Integer>();
        for (var service : SERVICES) {
            ports.put(service, Servers.freePort());
        }
        var services = new LinkedHashMap<String, Launched>();
        for (var service : List.of("case-service", "remedy-service", "insight-service")) {
            var database = TestPostgres.freshDatabase("ops_" + service.replace("-service", ""));
            var properties = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    "--spring.datasource.hikari.maximum-pool-size=5"));
            properties.addAll(rabbit);
            properties.addAll(jwt);
            if (service.equals("insight-service")) {
                // A fix marked done is watched at once (not after a week), so the load can show a recurrence.
                properties.addAll(
                        List.of("--amends.insight.recurrence.grace-period=0s", "--amends.insight.metrics-refresh=1s"));
            }
            services.put(service, Launched.service(service, jar(service), ports.get(service), properties, LOGS));
        }
        var gatewayProperties = new ArrayList<>(List.of(
                "--amends.upstreams.case-service=http://localhost:" + ports.get("case-service"),
                "--amends.upstreams.remedy-service=http://localhost:" + ports.get("remedy-service"),
                "--amends.upstreams.insight-service=http://localhost:" + ports.get("insight-service"),
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.database=" + redis.index()));
        gatewayProperties.addAll(jwt);
        services.put(
                "gateway", Launched.service("gateway", jar("gateway"), ports.get("gateway"), gatewayProperties, LOGS));
        running.addAll(services.values());
        // Four JVMs starting at once on a busy build machine can take minutes; a test waits, it does not time them.
        services.forEach((service, process) ->
                process.awaitOk(url(ports.get(service), "/actuator/health"), Duration.ofMinutes(8)));

        var prometheusPort = Servers.freePort();
        prometheus = "http://127.0.0.1:" + prometheusPort;
        running.add(Launched.start(
                        "prometheus",
                        List.of(
                                "prometheus",
                                "--config.file=" + prometheusConfig(ports, vhost.host()),
                                "--storage.tsdb.path=" + LOGS.resolve("prometheus-data-" + UUID.randomUUID()),
                                "--web.listen-address=127.0.0.1:" + prometheusPort),
                        LOGS)
                .awaitOk(prometheus + "/-/ready", Duration.ofMinutes(1)));

        load(url(ports.get("gateway"), ""), issuer, ports);
        awaitSeries("amends_events_consumed_total{service=\"insight-service\"}");
        awaitSeries("amends_events_consumed_total{service=\"remedy-service\"}");
        // What the load set off in insight-service and came back: its alerts, ratings, and case-service's escalation.
        awaitSeries("amends_insight_spikes_total > 0");
        awaitSeries("amends_insight_recurrences_total > 0");
        awaitSeries("amends_insight_reputation_alerts_total > 0");
        awaitSeries("amends_insight_csat_rating_count{with_remedy=\"true\"} > 0");
        awaitSeries("amends_insight_csat_rating_count{with_remedy=\"false\"} > 0");
        awaitSeries("amends_insight_open_problems > 0");
        awaitSeries("amends_remedy_cost_minor_units_total > 0");
        awaitSeries("amends_case_escalations_total > 0");
        // Two more scrapes after the last change, so every rate has samples on both sides.
        Launched.sleep(Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        running.reversed().forEach(Launched::close);
        if (tokens != null) {
            tokens.close();
        }
    }

    @Nested
    class EveryDashboardQuery {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.amends.operations.DashboardQueriesIT#dashboardQueries")
        void answersWithSeriesUnlessItsMetricIsPending(Query query) {
            var result = evaluate(query.expression());

            assertThat(result.path("status").asString())
                    .as("%s: %s", query, result)
                    .isEqualTo("success");
            if (!query.pending()) {
                assertThat(result.path("data").path("result").size())
                        .as("series of %s: %s", query, query.expression())
                        .isPositive();
            }
        }
    }

    @Nested
    class EveryAlertRule {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.amends.operations.DashboardQueriesIT#alertQueries")
        void evaluatesOnTheRealMetrics(Query query) {
            var result = evaluate(query.expression());

            assertThat(result.path("status").asString())
                    .as("%s: %s", query, result)
                    .isEqualTo("success");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.amends.operations.DashboardQueriesIT#alertQueries")
        void readsOnlyMetricsThatExist(Query query) {
            for (var metric : metricsIn(query.expression())) {
                assertThat(evaluate("count({__name__=\"" + metric + "\"})")
                                .path("data")
                                .path("result")
                                .size())
                        .as("%s reads %s", query, metric)
                        .isPositive();
            }
        }
    }

    static Stream<Query> dashboardQueries() {
        var queries = new ArrayList<Query>();
        for (var dashboard : List.of("service-recovery.json", "platform-health.json")) {
            for (var panel : listAt(Manifests.file("grafana/dashboards/" + dashboard), "panels")) {
                var fields = map(panel);
                var pending = String.valueOf(fields.get("description")).contains("PENDING");
                for (var target : listAt(fields, "targets")) {
                    var legend = String.valueOf(get(map(target), "legendFormat"));
                    queries.add(new Query(
                            dashboard + " › " + fields.get("title") + " › " + legend,
                            String.valueOf(get(map(target), "expr")),
                            pending));
                }
            }
        }
        return queries.stream();
    }

    static Stream<Query> alertQueries() {
        var queries = new ArrayList<Query>();
        for (var group : listAt(Manifests.file("prometheus/rules/amends.rules.yml"), "groups")) {
            for (var rule : listAt(map(group), "rules")) {
                var fields = map(rule);
                queries.add(new Query("alert " + fields.get("alert"), String.valueOf(fields.get("expr")), false));
            }
        }
        return queries.stream();
    }

    /** The metric names a PromQL expression reads: identifiers followed by a label selector or a range. */
    private static List<String> metricsIn(String expression) {
        var names = new ArrayList<String>();
        var matcher = Pattern.compile("([a-z_][a-z0-9_]*)\\s*[{\\[]").matcher(expression);
        while (matcher.find()) {
            var name = matcher.group(1);
            if (!List.of("by", "without", "on", "ignoring", "group_left", "group_right")
                            .contains(name)
                    && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A case's day through the gateway: partner and agent intake (six cases of one mistake at once: a spike),
     * acknowledgement, resolution, a rating without a remedy, a credit accepted on the status page and rated, a fix
     * marked done that the next case proves ineffective (a recurrence), an angry social post with a large audience (a
     * reputation alert, escalated by case-service), a miss and a refusal.
     */
    private static void load(String gateway, TestJwtIssuer issuer, Map<String, Integer> ports) {
        var partner = issuer.token(Persona.partner("acme-partner"));
        var agent = issuer.token(Persona.agent("agent1"));
        var analyst = issuer.token(Persona.analyst("analyst1"));
        until(
                "case-service to answer through the gateway",
                () -> send(agent, "GET", gateway + "/api/cases?limit=1", null),
                response -> response.statusCode() == 200);
        @Nullable String resolvedStatusPage = null;
        for (int i = 0; i < 6; i++) {
            var channel = List.of("PHONE", "EMAIL", "SOCIAL").get(i % 3);
            var token = i % 2 == 0 ? partner : agent;
            var opened = send(token, "POST", gateway + "/api/cases", """
                    {"channel":"%s","customer":{"name":"Ana Pérez","email":"ana@example.com","locale":"es"},
                     "product":"billing","errorKind":"CALCULATION","impact":"HIGH",
                     "summary":"Cobro duplicado","description":"Me cobrasteis dos veces la factura."}""".formatted(i % 2 == 0 ? "PARTNER" : channel));
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            var id = JSON.readTree(opened.body()).path("id").asString();
            var acknowledged = send(agent, "POST", gateway + "/api/cases/" + id + "/acknowledgement", "{}");
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            if (i % 2 == 0) {
                var resolved = send(agent, "POST", gateway + "/api/cases/" + id + "/resolution", """
                        {"rootCauseCode":"BILLING_RETRY","summary":"Refunded the second charge."}""");
                assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
                resolvedStatusPage = statusPage(gateway, acknowledged);
            }
        }
        assertThat(resolvedStatusPage).isNotNull();
        rate(resolvedStatusPage, 2);
        creditAcceptedAndRated(gateway, agent);
        recurrenceAfterAFix(gateway, agent, analyst);
        var social = send(agent, "POST", gateway + "/api/cases", """
                {"channel":"SOCIAL","customer":{"name":"Sam Lee","email":"sam@example.com","locale":"en",
                 "audienceSize":250000},
                 "product":"mobile","errorKind":"EXECUTION","impact":"HIGH","summary":"Public post about a cut line",
                 "description":"Furious. This is a scam, the worst service ever, totally unacceptable. I hate this."}""");
        assertThat(social.statusCode()).as(social.body()).isEqualTo(201);
        assertThat(send(agent, "GET", gateway + "/api/cases/" + UUID.randomUUID(), null)
                        .statusCode())
                .isEqualTo(404);
        // Every service answers at least one API request (here: a refusal), so its per-endpoint series exist.
        for (var port : ports.values()) {
            assertThat(send(null, "GET", url(port, "/api/nothing-here"), null).statusCode())
                    .isIn(401, 403, 404);
        }
    }

    /** A case with a small credit: it approves itself, the customer accepts it, the ledger pays, the case resolves. */
    private static void creditAcceptedAndRated(String gateway, String agent) {
        var opened = send(agent, "POST", gateway + "/api/cases", """
                {"channel":"EMAIL","customer":{"name":"Lucía Gómez","email":"lucia@example.com","locale":"es"},
                 "product":"billing","errorKind":"MEASUREMENT","impact":"LOW",
                 "summary":"Lectura de contador errónea","description":"La lectura de este mes está mal."}""");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        var id = JSON.readTree(opened.body()).path("id").asString();
        var proposed = until(
                "remedy-service to know case " + id,
                () -> send(agent, "POST", gateway + "/api/cases/" + id + "/remedies", """
                        {"type":"CREDIT","amountMinorUnits":500,"currency":"EUR"}"""),
                response -> response.statusCode() != 404);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        var remedyId = JSON.readTree(proposed.body()).path("id").asString();
        var acknowledged = send(agent, "POST", gateway + "/api/cases/" + id + "/acknowledgement", "{}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        var statusPage = statusPage(gateway, acknowledged);
        var accepted = until(
                "the credit on offer on the status page",
                () -> send(null, "POST", statusPage + "/remedies/" + remedyId + "/acceptance", null),
                response -> response.statusCode() != 404 && response.statusCode() != 409);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        until(
                "case " + id + " resolved by its fulfilled credit",
                () -> send(agent, "GET", gateway + "/api/cases/" + id, null),
                response -> "RESOLVED"
                        .equals(JSON.readTree(response.body()).path("status").asString()));
        rate(statusPage, 5);
    }

    /** An analyst marks a fix of billing/CALCULATION done; the next case of that mistake is a recurrence. */
    private static void recurrenceAfterAFix(String gateway, String agent, String analyst) {
        var problems = until(
                "insight-service to know the billing/CALCULATION problem",
                () -> send(
                        analyst, "GET", gateway + "/api/insights/problems?product=billing&errorKind=CALCULATION", null),
                response -> response.statusCode() == 200
                        && !JSON.readTree(response.body()).path("items").isEmpty());
        var problemId = JSON.readTree(problems.body())
                .path("items")
                .get(0)
                .path("problemId")
                .asString();
        var planned =
                send(analyst, "POST", gateway + "/api/insights/problems/" + problemId + "/corrective-actions", """
                {"description":"Stop the billing retry from charging twice","owner":"billing-team",
                 "dueDate":"2030-01-31"}""");
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        var actionId = JSON.readTree(planned.body()).path("actionId").asString();
        var done = send(analyst, "PATCH", gateway + "/api/insights/corrective-actions/" + actionId, """
                {"status":"DONE"}""");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var again = send(agent, "POST", gateway + "/api/cases", """
                {"channel":"PHONE","customer":{"name":"Ana Pérez","email":"ana2@example.com","locale":"es"},
                 "product":"billing","errorKind":"CALCULATION","impact":"HIGH",
                 "summary":"Cobro duplicado otra vez","description":"Otra vez me cobrasteis dos veces."}""");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }

    private static String statusPage(String gateway, HttpResponse<String> acknowledged) {
        var link = JSON.readTree(acknowledged.body()).path("statusLink").asString();
        assertThat(link).as(acknowledged.body()).contains("/api/public/status/");
        return gateway + "/api/public/status/" + link.substring(link.lastIndexOf('/') + 1);
    }

    private static void rate(String statusPage, int rating) {
        var feedback = send(null, "POST", statusPage + "/feedback", """
                {"rating":%d}""".formatted(rating));
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(201);
    }

    /** Repeats {@code call} until its answer satisfies {@code done}, for at most two minutes. */
    private static HttpResponse<String> until(
            String what, Supplier<HttpResponse<String>> call, Predicate<HttpResponse<String>> done) {
        var deadline = Instant.now().plus(Duration.ofMinutes(2));
        var response = call.get();
        while (!done.test(response)) {
            assertThat(Instant.now())
                    .as("waited for %s: %s", what, response.body())
                    .isBefore(deadline);
            Launched.sleep(Duration.ofMillis(300));
            response = call.get();
        }
        return response;
    }

    private static HttpResponse<String> send(@Nullable String token, String method, String url, @Nullable String body) {
        var request = HttpRequest.newBuilder(URI.create(url))
                // Generous: first requests to fresh JVMs on a busy machine are slow; speed is not tested here.
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Evaluates {@code expression} at this instant, with Grafana's variables set as a dashboard viewer would. */
    private static JsonNode evaluate(String expression) {
        var promql = expression
                .replace("$__rate_interval", "30s")
                .replace("$__range", "5m")
                .replace("$service", ".+");
        var response = send(
                null,
                "GET",
                prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8),
                null);
        return JSON.readTree(response.body());
    }

    private static void awaitSeries(String selector) {
        var deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (evaluate(selector).path("data").path("result").isEmpty()) {
            assertThat(Instant.now()).as("Prometheus never saw %s", selector).isBefore(deadline);
            Launched.sleep(Duration.ofMillis(500));
        }
    }

    /**
     * The compose configuration itself (prometheus/prometheus.yml, its jobs, paths, labels and rule files), pointed at
     * the processes this test started and scraping every second.
     */
    private static Path prometheusConfig(Map<String, Integer> ports, String rabbitHost) {
        try {
            var root = Manifests.root();
            var config = Files.readString(root.resolve("prometheus/prometheus.yml"))
                    .replace("scrape_interval: 15s", "scrape_interval: 1s")
                    .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
                    .replace("/etc/prometheus/rules/", root.resolve("prometheus/rules") + "/")
                    .replace("\"gateway:8080\"", "\"localhost:" + ports.get("gateway") + "\"")
                    .replace("\"case-service:8081\"", "\"localhost:" + ports.get("case-service") + "\"")
                    .replace("\"remedy-service:8082\"", "\"localhost:" + ports.get("remedy-service") + "\"")
                    .replace("\"insight-service:8083\"", "\"localhost:" + ports.get("insight-service") + "\"")
                    .replace("\"rabbitmq:15692\"", "\"" + rabbitHost + ":" + RABBITMQ_PROMETHEUS_PORT + "\"");
            for (var service : SERVICES) {
                assertThat(config).as("prometheus.yml scrapes %s", service).contains("localhost:" + ports.get(service));
            }
            Files.createDirectories(LOGS);
            return Files.writeString(LOGS.resolve("prometheus.yml"), config).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jar Maven names in the system property {@code amends.e2e.<service>.jar} (see the POM). */
    private static Path jar(String service) {
        var property = "amends.e2e." + service + ".jar";
        var value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property " + property + " is not set; run through Maven: ./mvnw -pl end-to-end -am verify");
        }
        return Path.of(value);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
