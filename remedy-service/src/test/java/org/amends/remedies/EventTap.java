package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.amends.contracts.Exchanges;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TestRabbit;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A test's own queue bound to {@code amends.events} with {@code remedy.#}, read straight from the broker (not through
 * the proxy the service uses). Every message read is checked against the event contract before a test sees it.
 */
final class EventTap implements AutoCloseable {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;
    private final String queue;
    private final RabbitAdmin admin;
    private final List<JsonNode> received = new ArrayList<>();

    private EventTap(CachingConnectionFactory connections) {
        this.connections = connections;
        this.rabbit = new RabbitTemplate(connections);
        var admin = new RabbitAdmin(connections);
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        admin.declareExchange(exchange);
        // Not auto-delete: a timed receive consumes and cancels, which would delete an auto-delete queue.
        var tap = new Queue("remedy-service-test.tap-" + UUID.randomUUID(), false, false, false);
        this.queue = admin.declareQueue(tap);
        admin.declareBinding(BindingBuilder.bind(tap).to(exchange).with("remedy.#"));
        this.admin = admin;
    }

    static EventTap open(TestRabbit.VirtualHost vhost) {
        var connections = new CachingConnectionFactory(vhost.host(), vhost.port());
        connections.setUsername(vhost.username());
        connections.setPassword(vhost.password());
        connections.setVirtualHost(vhost.name());
        return new EventTap(connections);
    }

    /** Waits until {@code count} events about {@code caseId} of {@code type} arrived; returns them (contract-checked). */
    List<JsonNode> await(String caseId, String type, int count, Duration timeout) {
        return await(
                e -> caseId.equals(e.path("subject").asString())
                        && type.equals(e.path("type").asString()),
                count,
                timeout);
    }

    List<JsonNode> await(Predicate<JsonNode> wanted, int count, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (matching(wanted).size() < count && Instant.now().isBefore(deadline)) {
            drain(200);
        }
        var found = matching(wanted);
        assertThat(found).as("events matching within " + timeout).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    /** Everything received so far that matches, after reading what is waiting for {@code settle}. */
    List<JsonNode> settled(Predicate<JsonNode> wanted, Duration settle) {
        var deadline = Instant.now().plus(settle);
        while (Instant.now().isBefore(deadline)) {
            drain(100);
        }
        return matching(wanted);
    }

    /** Reads and contract-checks whatever is waiting now, without waiting for more. */
    void checkWaiting() {
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
