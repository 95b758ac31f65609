package org.amends.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real RabbitMQ for tests. Each caller gets a virtual host of its own (through the management API), deleted when the
 * JVM exits, so exchanges, queues and messages of one run never meet another's.
 */
public final class TestRabbit {

    /** A virtual host made for one test run, with the AMQP address and the management API to inspect it. */
    public record VirtualHost(
            String name, String host, int port, String username, String password, String managementUrl) {

        /** Messages ready in a queue of this vhost, as the management API reports them (may lag by a few seconds). */
        public JsonNode queue(String queue) {
            return management(this, "GET", "/api/queues/" + encode(name) + "/" + encode(queue), null);
        }

        /** Every queue of this vhost (name, messages, consumers…), as the management API reports them. */
        public JsonNode queues() {
            return management(this, "GET", "/api/queues/" + encode(name), null);
        }
    }

    private record Admin(String host, int port, String username, String password, String managementUrl) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static @Nullable Admin admin;

    private TestRabbit() {}

    /** A CloudEvent in the JSON structured mode as the relays publish it: the body and its content type. */
    public static Message cloudEvent(String json) {
        var properties = new MessageProperties();
        properties.setContentType("application/cloudevents+json");
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }

    /**
     * Publishes a message and waits for the broker's confirm, so the next message this thread publishes is queued behind
     * it. A plain {@code send} does not promise that: the template takes a cached channel for each send, round robin
     * once the cache holds two (the service's own relay adds one), and RabbitMQ keeps order only within a channel. A
     * test whose outcome depends on the order its events are applied in publishes through this.
     */
    public static void publishInOrder(RabbitTemplate rabbit, String exchange, String routingKey, Message message) {
        rabbit.invoke(channel -> {
            channel.send(exchange, routingKey, message);
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    /** Creates an empty virtual host named {@code amends-test-<purpose>-<random>} with full rights for the user. */
    public static VirtualHost freshVirtualHost(String purpose) {
        var server = admin();
        var name = "amends-test-" + purpose + "-" + Servers.uniqueSuffix();
        var vhost = new VirtualHost(
                name, server.host(), server.port(), server.username(), server.password(), server.managementUrl());
        management(vhost, "PUT", "/api/vhosts/" + encode(name), "{}");
        management(
                vhost,
                "PUT",
                "/api/permissions/" + encode(name) + "/" + encode(server.username()),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        Servers.onExit(
                "rabbitmq vhost " + name, () -> management(vhost, "DELETE", "/api/vhosts/" + encode(name), null));
        return vhost;
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Servers.useDocker() ? container() : local();
        }
        return admin;
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it
    private static Admin container() {
        var container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
        container.start();
        return new Admin(
                container.getHost(),
                container.getAmqpPort(),
                container.getAdminUsername(),
                container.getAdminPassword(),
                container.getHttpUrl());
    }

    private static Admin local() {
        var host = Servers.env("AMENDS_TEST_RABBITMQ_HOST", "127.0.0.1");
        var port = Servers.envInt("AMENDS_TEST_RABBITMQ_PORT", 5672);
        var managementPort = Servers.envInt("AMENDS_TEST_RABBITMQ_MANAGEMENT_PORT", 15672);
        Servers.requireReachable(
                "RabbitMQ",
                host,
                port,
                "Start it with `rabbitmq-server -detached` (or install it: `apt-get install rabbitmq-server`), "
                        + "or point AMENDS_TEST_RABBITMQ_HOST/PORT/USER/PASSWORD at a broker.");
        Servers.requireReachable(
                "RabbitMQ's management API",
                host,
                managementPort,
                "Tests create a virtual host per run through it: enable it with "
                        + "`rabbitmq-plugins enable rabbitmq_management`, or set AMENDS_TEST_RABBITMQ_MANAGEMENT_PORT.");
        return new Admin(
                host,
                port,
                Servers.env("AMENDS_TEST_RABBITMQ_USER", "guest"),
                Servers.env("AMENDS_TEST_RABBITMQ_PASSWORD", "guest"),
                "http://" + host + ":" + managementPort);
    }

    private static JsonNode management(VirtualHost vhost, String method, String path, @Nullable String body) {
        var auth = Base64.getEncoder()
                .encodeToString((vhost.username() + ":" + vhost.password()).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(vhost.managementUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("RabbitMQ management " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
