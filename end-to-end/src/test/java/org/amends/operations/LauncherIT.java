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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer uses it: {@code ./amends up} from a clean state brings every part up,
 * {@code status} says so, a second {@code up} restarts nothing, {@code down} stops what {@code up} started and leaves
 * no process of its own behind. It runs on the launcher's real ports, against databases and a virtual host of its own.
 */
class LauncherIT {

    private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8180, 9180);
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

    private record Run(int code, String output) {}

    private Run amends(String command) throws IOException, InterruptedException {
        var log = Files.createTempFile("amends-" + command, ".log");
        var builder = new ProcessBuilder("bash", root.resolve("amends").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("AMENDS_SKIP_BUILD", "1");
        builder.environment().put("AMENDS_DATABASE_SUFFIX", suffix);
        builder.environment().put("SPRING_RABBITMQ_VIRTUAL_HOST", vhost.name());
        var process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("./amends " + command + " did not finish in 8 minutes:\n" + Files.readString(log));
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

    private void dropDatabases() {
        var host = System.getenv().getOrDefault("AMENDS_TEST_POSTGRES_HOST", "127.0.0.1");
        try (var connection =
                        DriverManager.getConnection("jdbc:postgresql://" + host + ":5432/postgres", "postgres", "");
                var statement = connection.createStatement()) {
            for (var database : List.of("amends_case", "amends_remedy", "amends_insight")) {
                statement.execute("DROP DATABASE IF EXISTS " + database + suffix + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not drop the launcher test's databases", e));
        }
    }
}
