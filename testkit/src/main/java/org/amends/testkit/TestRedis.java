package org.amends.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;

/**
 * Real Redis for tests. A caller gets one of Redis's numbered databases (1–15; 0 is left to the local run), emptied
 * before use; the keys the gateway writes all expire on their own.
 */
public final class TestRedis {

    /** A Redis database for one test run. */
    public record Database(String host, int port, int index) {}

    private record Address(String host, int port) {}

    private static @Nullable Address address;

    private TestRedis() {}

    /** An emptied database with a random index between 1 and 15. */
    public static Database freshDatabase() {
        var server = address();
        var index = ThreadLocalRandom.current().nextInt(1, 16);
        command(server, "SELECT " + index + "\r\nFLUSHDB\r\n", 2);
        return new Database(server.host(), server.port(), index);
    }

    private static synchronized Address address() {
        if (address == null) {
            address = Servers.useDocker() ? container() : local();
        }
        return address;
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it
    private static Address container() {
        var container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        return new Address(container.getHost(), container.getMappedPort(6379));
    }

    private static Address local() {
        var host = Servers.env("AMENDS_TEST_REDIS_HOST", "127.0.0.1");
        var port = Servers.envInt("AMENDS_TEST_REDIS_PORT", 6379);
        Servers.requireReachable(
                "Redis",
                host,
                port,
                "Start it with `redis-server --daemonize yes --port 6379 --save \"\"` "
                        + "(or install it: `apt-get install redis-server`), or set AMENDS_TEST_REDIS_HOST/PORT.");
        var server = new Address(host, port);
        var pong = command(server, "PING\r\n", 1);
        if (!pong.startsWith("+PONG")) {
            throw new IllegalStateException("Redis at " + host + ":" + port + " answered PING with " + pong);
        }
        return server;
    }

    /** Sends inline commands and reads {@code replies} reply lines. */
    private static String command(Address server, String commands, int replies) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            var in = socket.getInputStream();
            var reply = new StringBuilder();
            for (int i = 0; i < replies; i++) {
                reply.append(readLine(in));
            }
            if (reply.indexOf("-") == 0 || reply.indexOf("\n-") >= 0) {
                throw new IllegalStateException("Redis refused " + commands.trim() + ": " + reply);
            }
            return reply.toString();
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + server.host() + ":" + server.port() + ": " + e.getMessage());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            line.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return line.toString();
    }
}
