package org.amends.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Decides where the test servers come from and holds the helpers the server classes share.
 *
 * <p>{@code AMENDS_TEST_SERVERS=docker|local|auto} (default {@code auto}: Docker when an engine answers).
 */
public final class Servers {

    /** Every port {@link #freePort} returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static @Nullable Boolean docker;

    private Servers() {}

    /** Whether the servers come from Testcontainers (a Docker engine answers) rather than from this machine. */
    public static synchronized boolean useDocker() {
        if (docker == null) {
            var mode = env("AMENDS_TEST_SERVERS", "auto").toLowerCase(Locale.ROOT);
            docker = switch (mode) {
                case "docker" -> true;
                case "local" -> false;
                default -> dockerAnswers();
            };
        }
        return docker;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    static int envInt(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    /** Fails with {@code howToStart} unless something accepts TCP connections at host:port. */
    static void requireReachable(String what, String host, int port, String howToStart) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(
                    what + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + "). " + howToStart);
        }
    }

    /** A short random suffix that keeps one run's databases and vhosts apart from every other run's. */
    static String uniqueSuffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    /** Runs {@code cleanup} when the test JVM exits, so a run leaves nothing behind on shared servers. */
    static void onExit(String name, Runnable cleanup) {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("testkit-cleanup-" + name)
                        .unstarted(() -> {
                            try {
                                cleanup.run();
                            } catch (RuntimeException e) {
                                System.err.println("testkit: could not clean up " + name + ": " + e.getMessage());
                            }
                        }));
    }

    /**
     * A free TCP port on the loopback interface, and one this JVM has not handed out before. The caller binds it later
     * (a service started with it, say), and until then the kernel may offer the same just-released port again: a CI
     * run once gave remedy-service and the gateway of one test platform the same port, and the gateway failed to start.
     */
    public static int freePort() {
        return notHandedOut(Servers::anyFreePort);
    }

    /** The first of {@code candidates} not handed out before, now marked handed out. */
    static int notHandedOut(IntSupplier candidates) {
        for (int attempt = 0; attempt < 100; attempt++) {
            var port = candidates.getAsInt();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port that was not handed out before");
    }

    private static int anyFreePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
