package org.amends.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.amends.contracts.EventCatalogue;
import org.amends.contracts.Exchanges;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.ServiceApi;
import org.amends.testkit.TestRabbit;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Other services' events (remedy-service's, insight-service's) as the contract examples show them, about a case and
 * remedy of the test's choosing,
 * published straight to the broker (not through the proxy the service uses).
 */
final class RemedyEventMother {

    private static final RabbitTemplate RABBIT = rabbit();

    private RemedyEventMother() {}

    /** The example of {@code type} (e.g. {@code amends.remedy.offered.v1}) with a new event id. */
    static String event(String type, String caseId, UUID remedyId) {
        var event = about(type, caseId);
        ((ObjectNode) event.get("data")).put("remedyId", remedyId.toString());
        return event.toString();
    }

    /** The example of any catalogue type about one case, with a new event id, to adjust before publishing. */
    static ObjectNode about(String type, String caseId) {
        var event =
                (ObjectNode) ServiceApi.JSON.readTree(EventSchemas.examples().get(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", caseId);
        ((ObjectNode) event.get("data")).put("caseId", caseId);
        return event;
    }

    static UUID idOf(String event) {
        return UUID.fromString(ServiceApi.JSON.readTree(event).path("id").asString());
    }

    static void publish(String event) {
        var type = ServiceApi.JSON.readTree(event).path("type").asString();
        RABBIT.send(
                Exchanges.EVENTS, EventCatalogue.byType(type).orElseThrow().routingKey(), TestRabbit.cloudEvent(event));
    }

    /** Publishes a new event of {@code type} and returns it. */
    static String publish(String type, String caseId, UUID remedyId) {
        var event = event(type, caseId, remedyId);
        publish(event);
        return event;
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 20 s: " + what);
    }

    private static RabbitTemplate rabbit() {
        var vhost = TestServers.RABBIT;
        var connections = new CachingConnectionFactory(vhost.host(), vhost.port());
        connections.setUsername(vhost.username());
        connections.setPassword(vhost.password());
        connections.setVirtualHost(vhost.name());
        return new RabbitTemplate(connections);
    }
}
