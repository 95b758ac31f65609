package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.amends.contracts.Exchanges;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A test's own queue bound to {@code amends.events} with a routing pattern, read straight from the broker (not
 * through any proxy the service under test uses). Every message read is checked against the event contract
 * ({@link EventSchemas}) before a test sees it: the producer side of the contract tests.
 */
public final class EventTap implements AutoCloseable {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;
    private final String queue;
    private final RabbitAdmin admin;
    private final List<JsonNode> received = new ArrayList<>();

    private EventTap(CachingConnectionFactory connections, String pattern) {
        this.connections = connections;
        this.rabbit = new RabbitTemplate(connections);
        var admin = new RabbitAdmin(connections);
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        admin.declareExchange(exchange);
        // Not auto-delete: a timed receive consumes and cancels, which would delete an auto-delete queue.
        var tap = new Queue("test.tap-" + UUID.randomUUID(), false, false, false);
        this.queue = admin.declareQueue(tap);
        admin.declareBinding(BindingBuilder.bind(tap).to(exchange).with(pattern));
        this.admin = admin;
    }

    /** Binds a new tap queue with {@code pattern}, e.g. {@code case.#}. */
    public static EventTap open(TestRabbit.VirtualHost vhost, String pattern) {
        var connections = new CachingConnectionFactory(vhost.host(), vhost.port());
        connections.setUsername(vhost.username());
        connections.setPassword(vhost.password());
        connections.setVirtualHost(vhost.name());
        return new EventTap(connections, pattern);
    }

    /** Waits until {@code count} events about {@code caseId} of {@code type} arrived; returns them (contract-checked). */
    public List<JsonNode> await(String caseId, String type, int count, Duration timeout) {
        return await(
                e -> caseId.equals(e.path("subject").asString())
                        && type.equals(e.path("type").asString()),
                count,
                timeout);
    }

    public List<JsonNode> await(Predicate<JsonNode> wanted, int count, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (matching(wanted).size() < count && Instant.now().isBefore(deadline)) {
            drain(200);
        }
        var found = matching(wanted);
        assertThat(found).as("events matching within " + timeout).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    /** Everything received so far that matches, after reading what is waiting for {@code settle}. */
    public List<JsonNode> settled(Predicate<JsonNode> wanted, Duration settle) {
        var deadline = Instant.now().plus(settle);
        while (Instant.now().isBefore(deadline)) {
            drain(100);
        }
        return matching(wanted);
    }

    /** Reads and contract-checks whatever is waiting now, without waiting for more. */
    public void checkWaiting() {
        drain(0);
    }

    private List<JsonNode> matching(Predicate<JsonNode> wanted) {
        return received.stream().filter(wanted).toList();
    }

    private void drain(long waitMillis) {
        var message = waitMillis > 0 ? rabbit.receive(queue, waitMillis) : rabbit.receive(queue);
        while (message != null) {
            var json = new String(message.getBody(), StandardCharsets.UTF_8);
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/cloudevents+json");
            var event = EventSchemas.assertValid(json);
            assertThat(message.getMessageProperties().getMessageId())
                    .isEqualTo(event.path("id").asString());
            received.add(event);
            message = rabbit.receive(queue);
        }
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
        connections.destroy();
    }
}
