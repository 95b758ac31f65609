package org.amends.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Amends service running as a child process from its packaged jar, exactly as it is deployed: its own JVM, its
 * own port, configured by command-line properties, logging to {@code target/<name>.log}. Stopped when the test JVM
 * exits.
 */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar jar --server.port=port args...} with its output in {@code logs/<name>.log}. */
    static ServiceProcess start(String name, Path jar, int port, List<String> args, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    name + " jar not found at " + jar + ": build it first (./mvnw -pl " + name + " -am package)");
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var log = logs.resolve(name + ".log");
        try {
            Files.createDirectories(logs);
            // Run a copy: a rebuild of the module while the tests run must not swap classes under the live JVM.
            var copy = Files.copy(jar, logs.resolve(name + "-under-test.jar"), StandardCopyOption.REPLACE_EXISTING);
            var command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", copy.toString()));
            command.add("--server.port=" + port);
            command.addAll(args);
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var service = new ServiceProcess(name, port, process, log);
            Runtime.getRuntime()
                    .addShutdownHook(
                            Thread.ofPlatform().name("end-to-end-stop-" + name).unstarted(service::stop));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Waits until {@code /actuator/health} answers 200, failing early if the process dies. */
    void awaitHealthy(Duration patience) {
        var deadline = Instant.now().plus(patience);
        var health = URI.create(baseUrl() + "/actuator/health");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited during start (code " + process.exitValue() + "); see " + log.toAbsolutePath());
            }
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not healthy within " + patience + "; see " + log.toAbsolutePath());
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
