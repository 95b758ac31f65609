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
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Amends service running as a child process from its packaged jar, exactly as it is deployed: its own JVM, its
 * own port, configured by command-line properties, logging to {@code target/<name>.log}. Stopped when the test JVM
 * exits. A fault test can {@link #kill()} it as {@code kill -9} does and {@link #restart()} it on the same port.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    /** The live process; replaced on {@link #restart()}, so the shutdown hook stops whichever runs last. */
    private final AtomicReference<Process> current;

    private ServiceProcess(String name, int port, List<String> command, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.current = new AtomicReference<>(process);
        this.log = log;
    }

    /** Starts {@code java -jar jar --server.port=port args...} with its output in {@code logs/<name>.log}. */
    public static ServiceProcess start(String name, Path jar, int port, List<String> args, Path logs) {
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
            var service = new ServiceProcess(name, port, command, process, log);
            Runtime.getRuntime()
                    .addShutdownHook(
                            Thread.ofPlatform().name("end-to-end-stop-" + name).unstarted(service::stop));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return current.get().isAlive();
    }

    /**
     * Ends the process with SIGKILL, as {@code kill -9} does: no shutdown hook, no graceful shutdown, requests and
     * transactions in flight cut where they stand. Returns once the process is gone.
     */
    public void kill() {
        var process = current.get();
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the same command again on the same port (after {@link #kill()}), its output appended to the same log. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running; kill it first");
        }
        try {
            current.set(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} answers 200, failing early if the process dies. */
    public void awaitHealthy(Duration patience) {
        var deadline = Instant.now().plus(patience);
        var health = URI.create(baseUrl() + "/actuator/health");
        while (Instant.now().isBefore(deadline)) {
            var process = current.get();
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
        var process = current.get();
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
