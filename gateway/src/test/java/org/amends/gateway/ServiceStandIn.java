package org.amends.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A tiny real HTTP server playing one service behind the gateway, recording what reached it. The gateway's own
 * behaviour is under test here, so the upstream only needs to answer and to remember: every path answers JSON naming
 * the service and the path; {@code /api/cases/slow} and {@code /api/incidents/slow/affected} answer after three
 * seconds; {@code /v3/api-docs} answers a small
 * OpenAPI document with the service's own address as its server, or 404 for a service that has no document yet. It
 * also sends headers the gateway must overrule ({@code Server}, caching, framing).
 */
final class ServiceStandIn implements AutoCloseable {

    /** What the stand-in received. */
    record Received(String method, String path, Headers headers, int bodyLength) {}

    private final String name;
    private final boolean publishesApiDocs;
    private final HttpServer server;
    private final CopyOnWriteArrayList<Received> received = new CopyOnWriteArrayList<>();

    private ServiceStandIn(String name, boolean publishesApiDocs, HttpServer server) {
        this.name = name;
        this.publishesApiDocs = publishesApiDocs;
        this.server = server;
    }

    /** A stand-in for the service {@code name}, serving an OpenAPI document at /v3/api-docs when asked to. */
    static ServiceStandIn start(String name, boolean publishesApiDocs) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            var standIn = new ServiceStandIn(name, publishesApiDocs, server);
            server.createContext("/", standIn::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Everything received so far, oldest first. */
    java.util.List<Received> received() {
        return java.util.List.copyOf(received);
    }

    /** The last request that reached the stand-in for this path, or null. */
    @Nullable
    Received lastFor(String path) {
        var all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path().equals(path)) {
                return all.get(i);
            }
        }
        return null;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body.length));
            if (path.equals("/api/cases/slow") || path.equals("/api/incidents/slow/affected")) {
                sleep(3_000);
            }
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Server", "stand-in/1.0");
            headers.set("Cache-Control", "max-age=60");
            headers.set("X-Frame-Options", "SAMEORIGIN");
            var status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
            var answer = "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}";
            if (path.equals("/v3/api-docs")) {
                status = publishesApiDocs ? 200 : 404;
                answer = publishesApiDocs ? apiDocument() : "{\"status\":404}";
            }
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** What springdoc serves, in miniature: the service's own address as its server, which the gateway replaces. */
    private String apiDocument() {
        return """
                {"openapi":"3.1.0","info":{"title":"%s","version":"1"},
                 "servers":[{"url":"http://%s.internal:8081","description":"Generated server url"}],
                 "paths":{"/api/things/{id}":{"get":{"responses":{"200":{"description":"the thing"}}}}}}
                """.formatted(name, name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
