package org.amends.operations;

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
 * A program this package's tests start as a child process (a service jar, Prometheus), logging to a file and stopped
 * when the test is done or, at the latest, when the test JVM exits.
 */
final class Launched implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private Launched(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Launched start(String name, List<String> command, Path logs) {
        try {
            Files.createDirectories(logs);
            var log = logs.resolve(name + ".log");
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var launched = new Launched(name, process, log);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(launched::close));
            return launched;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.getFirst() + ")", e);
        }
    }

    /** A service jar, run as it is deployed: its own JVM and port, configured by command-line properties. */
    static Launched service(String name, Path jar, int port, List<String> properties, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    name + " jar not found at " + jar + ": ./mvnw -pl " + name + " -am package");
        }
        Path copy;
        try {
            Files.createDirectories(logs);
            // Run a copy: a rebuild of the module while the test runs must not swap classes under the live JVM.
            copy = Files.copy(jar, logs.resolve(name + "-under-test.jar"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + jar, e);
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", copy.toString()));
        command.add("--server.port=" + port);
        command.addAll(properties);
        return start(name, command, logs);
    }

    /** Waits until {@code url} answers 200, failing early if the process dies. */
    Launched awaitOk(String url, Duration patience) {
        var deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited during start (code " + process.exitValue() + "); see " + log.toAbsolutePath());
            }
            try {
                var request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2))
                        .build();
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " did not answer " + url + " within " + patience + "; see " + log);
    }

    @Override
    public void close() {
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

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
