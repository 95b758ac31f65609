package org.amends.endtoend;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.amends.contracts.Exchanges;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.Servers;
import org.amends.testkit.TestKeycloak;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.amends.testkit.TestRedis;
import org.jspecify.annotations.Nullable;

/**
 * The whole platform as a partner meets it, started once per test JVM: a real Keycloak with the project's realm, a
 * fresh PostgreSQL database per service, one RabbitMQ virtual host and a Redis database, and case-service,
 * remedy-service, insight-service and the gateway as real processes from their packaged jars, wired to all of them.
 */
public final class AmendsPlatform {

    /** The queue this module declares to watch what case-service publishes. */
    static final String CASE_EVENTS_QUEUE = "end-to-end.case-events";

    /**
     * The saga's partner receives webhooks on a plain-http loopback server the test starts, which production mode and
     * the address guard rightly refuse; and a delivery must be retried in seconds, not minutes, within a test's wait.
     */
    private static final List<String> REMEDY_TEST_ALLOWANCES = List.of(
            "--amends.remedies.webhooks.production-mode=false",
            "--amends.remedies.webhooks.allow-loopback=true",
            "--amends.remedies.webhooks.timeout=5s",
            "--amends.remedies.webhooks.initial-backoff=200ms",
            "--amends.remedies.webhooks.max-backoff=1s",
            "--amends.remedies.webhooks.retry-for=60s",
            "--amends.remedies.webhooks.poll-interval=200ms");

    private static @Nullable AmendsPlatform running;

    private final TestKeycloak keycloak;
    private final TestRabbit.VirtualHost vhost;
    private final ServiceProcess gateway;
    private final TestPostgres.Database remedyDatabase;
    private final TestPostgres.Database insightDatabase;
    private final TestPostgres.Database caseDatabase;
    private final Path logs;

    private AmendsPlatform(
            TestKeycloak keycloak,
            TestRabbit.VirtualHost vhost,
            ServiceProcess gateway,
            TestPostgres.Database caseDatabase,
            TestPostgres.Database remedyDatabase,
            TestPostgres.Database insightDatabase,
            Path logs) {
        this.keycloak = keycloak;
        this.vhost = vhost;
        this.gateway = gateway;
        this.caseDatabase = caseDatabase;
        this.remedyDatabase = remedyDatabase;
        this.insightDatabase = insightDatabase;
        this.logs = logs;
    }

    public static synchronized AmendsPlatform instance() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    public TestKeycloak keycloak() {
        return keycloak;
    }

    public TestRabbit.VirtualHost vhost() {
        return vhost;
    }

    /** Where partners call: the gateway's base URL. */
    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** remedy-service's own database, to see what it applied. */
    public TestPostgres.Database remedyDatabase() {
        return remedyDatabase;
    }

    /** case-service's own database, to see what it stored (or did not). */
    public TestPostgres.Database caseDatabase() {
        return caseDatabase;
    }

    /** Where every service writes its log ({@code <name>.log}). */
    public Path logs() {
        return logs;
    }

    /** insight-service's own database, to see what it applied. */
    public TestPostgres.Database insightDatabase() {
        return insightDatabase;
    }

    private static AmendsPlatform start() {
        var keycloak = TestKeycloak.instance();
        var database = TestPostgres.freshDatabase("e2e_case");
        var vhost = TestRabbit.freshVirtualHost("e2e");
        var redis = TestRedis.freshDatabase();
        declareCaseEventsQueue(vhost);
        var remedyDatabase = TestPostgres.freshDatabase("e2e_remedy");
        var insightDatabase = TestPostgres.freshDatabase("e2e_insight");
        var processes = startProcesses(
                new Wiring(keycloak, database, remedyDatabase, insightDatabase, vhost, redis, logsDirectory()));
        return new AmendsPlatform(
                keycloak, vhost, processes.gateway(), database, remedyDatabase, insightDatabase, logsDirectory());
    }

    /**
     * What a platform's processes are wired to. The databases and the virtual host are what the services are given:
     * a fault test passes copies whose host and port are a {@code TcpProxy} in front of the real server.
     */
    public record Wiring(
            TestKeycloak keycloak,
            TestPostgres.Database caseDatabase,
            TestPostgres.Database remedyDatabase,
            TestPostgres.Database insightDatabase,
            TestRabbit.VirtualHost vhost,
            TestRedis.Database redis,
            Path logs) {}

    /** The four processes of one platform, healthy when returned. */
    public record Processes(
            ServiceProcess caseService,
            ServiceProcess remedyService,
            ServiceProcess insightService,
            ServiceProcess gateway) {}

    /**
     * Starts case-service, remedy-service, insight-service and the gateway as processes wired as told, and waits until
     * each is healthy. The shared platform of {@link #instance()} is one such; a fault test starts one of its own, whose
     * processes it may kill without disturbing the other tests.
     */
    public static Processes startProcesses(Wiring wiring) {
        var issuer = wiring.keycloak().issuer();
        var jwkSetUri = issuer + "/protocol/openid-connect/certs";
        var services = new ArrayList<ServiceProcess>();
        var upstreams = new ArrayList<String>();
        for (var service : List.of(
                new Service("case-service", wiring.caseDatabase(), List.of()),
                new Service("remedy-service", wiring.remedyDatabase(), REMEDY_TEST_ALLOWANCES),
                new Service("insight-service", wiring.insightDatabase(), List.of()))) {
            var port = Servers.freePort();
            services.add(ServiceProcess.start(
                    service.name(),
                    Path.of(property("amends.e2e." + service.name() + ".jar")),
                    port,
                    service.arguments(wiring.vhost(), issuer, jwkSetUri),
                    wiring.logs()));
            upstreams.add("--amends.upstreams." + service.name() + "=http://localhost:" + port);
        }
        var redis = wiring.redis();
        var gatewayPort = Servers.freePort();
        var gatewayArguments = new ArrayList<>(upstreams);
        gatewayArguments.addAll(List.of(
                "--amends.gateway.api-docs.public-url=http://localhost:" + gatewayPort,
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.database=" + redis.index(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri,
                "--amends.portal.issuer-uri=" + issuer));
        var gateway = ServiceProcess.start(
                "gateway", Path.of(property("amends.e2e.gateway.jar")), gatewayPort, gatewayArguments, wiring.logs());
        // Four services starting at once on a busy 2-core machine can take longer: amends.e2e.start-timeout.
        var patience = Duration.parse(System.getProperty("amends.e2e.start-timeout", "PT4M"));
        for (var service : services) {
            service.awaitHealthy(patience);
        }
        gateway.awaitHealthy(patience);
        return new Processes(services.get(0), services.get(1), services.get(2), gateway);
    }

    /** Where the processes' logs go: {@code end-to-end/target}. */
    public static Path logsDirectory() {
        return Path.of(property("amends.e2e.logs"));
    }

    /**
     * One service behind the gateway: its own database, the shared virtual host, the realm's keys, and whatever else
     * the tests need of it.
     */
    private record Service(String name, TestPostgres.Database database, List<String> extraArguments) {

        List<String> arguments(TestRabbit.VirtualHost vhost, String issuer, String jwkSetUri) {
            var arguments = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    // Several platforms share one PostgreSQL in a test run (the fault suite starts its own): small
                    // pools.
                    "--spring.datasource.hikari.maximum-pool-size=5",
                    "--spring.rabbitmq.host=" + vhost.host(),
                    "--spring.rabbitmq.port=" + vhost.port(),
                    "--spring.rabbitmq.username=" + vhost.username(),
                    "--spring.rabbitmq.password=" + vhost.password(),
                    "--spring.rabbitmq.virtual-host=" + vhost.name(),
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                    "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri));
            arguments.addAll(extraArguments);
            return arguments;
        }
    }

    /** Declared before case-service starts, so no event published during the tests can miss it. */
    private static void declareCaseEventsQueue(TestRabbit.VirtualHost vhost) {
        try (var connection = connectionFactory(vhost).newConnection("end-to-end-setup");
                var channel = connection.createChannel()) {
            channel.exchangeDeclare(Exchanges.EVENTS, "topic", true);
            channel.queueDeclare(CASE_EVENTS_QUEUE, true, false, false, null);
            channel.queueBind(CASE_EVENTS_QUEUE, Exchanges.EVENTS, CaseEvents.OPENED.routingKey());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("could not declare the end-to-end queue in " + vhost.name(), e);
        }
    }

    static ConnectionFactory connectionFactory(TestRabbit.VirtualHost vhost) {
        var factory = new ConnectionFactory();
        factory.setHost(vhost.host());
        factory.setPort(vhost.port());
        factory.setUsername(vhost.username());
        factory.setPassword(vhost.password());
        factory.setVirtualHost(vhost.name());
        return factory;
    }

    private static String property(String name) {
        var value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property " + name + " is not set; run through Maven: ./mvnw -pl end-to-end -am verify");
        }
        return value;
    }
}
