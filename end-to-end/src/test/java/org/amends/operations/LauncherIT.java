package org.amends.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.amends.testkit.TestRabbit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer uses it: {@code ./amends up} from a clean state brings every part up,
 * {@code status} says so, {@code demo} fills it with a day of cases and remedies (one of which fails), a second {@code up} restarts nothing, {@code down} stops what {@code up} started and leaves
 * no process of its own behind. It runs on the launcher's real ports, against databases and a virtual host of its own.
 */
class LauncherIT {

    private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8180, 9180);
    private static final int DEMO_CASES = 30;
    private static final Pattern DEMO_REMEDIES =
            Pattern.compile("remedies\\s+(\\d+) proposed, (\\d+) fulfilled, 1 failing");
    private static final List<String> SERVICES =
            List.of("case-service", "remedy-service", "insight-service", "gateway");

    private final Path root = Manifests.root();
    private final String suffix = "_launcher_" + UUID.randomUUID().toString().substring(0, 8);
    // Its own virtual host, inherited by the services through Spring's environment binding, so queues a developer's
    // earlier run declared with other arguments never meet this run.
    private final TestRabbit.VirtualHost vhost = TestRabbit.freshVirtualHost("launcher");

    @Test
    void upStatusUpAgainAndDownFromACleanState() throws Exception {
        for (var port : PORTS) {
            assertThat(free(port))
                    .as("port %d must be free for the launcher test (stop a running ./amends with ./amends down)", port)
                    .isTrue();
        }
        try {
            var up = amends("up");
            assertThat(up.code()).as(up.output()).isZero();
            assertThat(up.output()).contains("gateway: UP on port 8080", "case-service: UP on port 8081");

            var status = amends("status");
            assertThat(status.code()).as(status.output()).isZero();

            var demo = amends("demo");
            assertThat(demo.code()).as(demo.output()).isZero();
            var remedies = DEMO_REMEDIES.matcher(demo.output());
            assertThat(remedies.find()).as(demo.output()).isTrue();
            assertThat(Integer.parseInt(remedies.group(1)))
                    .as("remedies proposed")
                    .isGreaterThanOrEqualTo(2);
            assertThat(Integer.parseInt(remedies.group(2)))
                    .as("remedies fulfilled")
                    .isPositive();
            assertThat(demo.output()).contains("filed          " + DEMO_CASES);
            // The demo's failing remedy: its partner endpoint never answers, its retries run out, its case escalates.
            Awaitility.await("the demo's failing remedy fails and its case is escalated")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> count("amends_remedy", "SELECT count(*) FROM remedies WHERE state = 'FAILED'") == 1
                            && count("amends_case", "SELECT count(*) FROM cases WHERE escalated_at IS NOT NULL") >= 1);

            var again = amends("up");
            assertThat(again.code()).as(again.output()).isZero();
            for (var service : SERVICES) {
                assertThat(again.output()).contains(service + ": already running");
            }

            var down = amends("down");
            assertThat(down.code()).as(down.output()).isZero();
            var after = amends("status");
            assertThat(after.code())
                    .as("status after down must not claim health:\n" + after.output())
                    .isNotZero();
            assertThat(ourProcesses()).as("processes left behind by ./amends").isEmpty();
            for (var port : PORTS) {
                assertThat(free(port)).as("port %d after down", port).isTrue();
            }
        } finally {
            amends("down");
            dropDatabases();
        }
    }

    @Test
    void benchListsItsOptionsAndRefusesAnUnknownOneBeforeStartingAnything() throws Exception {
        var help = amends("bench", "--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("--incident [N]", "--live-rate R", "--memory-checkpoints", "--quick");

        var typo = amends("bench", "--incidents", "1000");
        assertThat(typo.code()).as(typo.output()).isEqualTo(1);
        assertThat(typo.output()).contains("unknown bench option '--incidents'");
        var noValue = amends("bench", "--incident", "--live-rate");
        assertThat(noValue.code()).as(noValue.output()).isEqualTo(1);
        assertThat(noValue.output()).contains("bench option --live-rate needs a value");
        assertThat(ourProcesses()).as("nothing started").isEmpty();
    }

    private record Run(int code, String output) {}

    private Run amends(String... command) throws IOException, InterruptedException {
        var log = Files.createTempFile("amends-" + String.join("-", command), ".log");
        var arguments =
                new java.util.ArrayList<>(List.of("bash", root.resolve("amends").toString()));
        arguments.addAll(List.of(command));
        var builder = new ProcessBuilder(arguments)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("AMENDS_SKIP_BUILD", "1");
        builder.environment().put("AMENDS_DATABASE_SUFFIX", suffix);
        builder.environment().put("SPRING_RABBITMQ_VIRTUAL_HOST", vhost.name());
        builder.environment().put("AMENDS_DEMO_CASES", Integer.toString(DEMO_CASES));
        // A loaded CI machine (the build's own JVMs beside it) may take Keycloak past the launcher's default 180 s.
        builder.environment().put("AMENDS_KEYCLOAK_TIMEOUT", "420");
        builder.environment().put("AMENDS_SERVICE_TIMEOUT", "300");
        builder.environment().put("AMENDS_WEBHOOK_RETRY_FOR", "5s");
        var process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("./amends " + String.join(" ", command) + " did not finish in 8 minutes:\n"
                    + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private List<ProcessHandle> ourProcesses() {
        var state = root.resolve(".amends").toString();
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().commandLine().map(line -> line.contains(state)).orElse(false))
                .toList();
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private long count(String database, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + postgresHost() + ":5432/" + database + suffix, "postgres", "");
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String postgresHost() {
        return System.getenv().getOrDefault("AMENDS_TEST_POSTGRES_HOST", "127.0.0.1");
    }

    private void dropDatabases() {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + postgresHost() + ":5432/postgres", "postgres", "");
                var statement = connection.createStatement()) {
            for (var database : List.of("amends_case", "amends_remedy", "amends_insight")) {
                statement.execute("DROP DATABASE IF EXISTS " + database + suffix + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not drop the launcher test's databases", e));
        }
    }
}
