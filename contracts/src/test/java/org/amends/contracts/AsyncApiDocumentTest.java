package org.amends.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Keeps {@code docs/events/asyncapi.yaml} equal to what the catalogue says: every type with its routing key, data
 * schema, example, publisher and consuming queues. Run with {@code -Damends.contracts.write=true} to rewrite the
 * document after changing the catalogue, and review the diff.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("../docs/events/asyncapi.yaml");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    @Test
    void theCommittedAsyncApiDocumentMatchesTheCatalogue() throws IOException {
        var generated = YAML.writeValueAsString(document());
        if (Boolean.getBoolean("amends.contracts.write")) {
            Files.writeString(DOCUMENT, generated);
        }

        assertThat(DOCUMENT).exists();
        assertThat(Files.readString(DOCUMENT))
                .as("docs/events/asyncapi.yaml is stale: run ./mvnw -pl contracts test -Damends.contracts.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyCaseAndRemedyTypeIsConsumedAndEveryBoundTypeIsInTheCatalogue() {
        // Case and remedy events drive other services; insight's alerts (spikes, recurrences) are published for
        // whoever binds a queue to them, and only the reputation alert has a consumer today.
        for (var type : EventCatalogue.all()) {
            if (!type.area().equals("insight")) {
                assertThat(Subscriptions.of(type)).as(type.type()).isNotEmpty();
            }
        }
        for (var subscription : Subscriptions.all()) {
            assertThat(EventCatalogue.all()).containsAll(subscription.types());
        }
    }

    private static Map<String, Object> document() {
        var channels = new LinkedHashMap<String, Object>();
        var operations = new LinkedHashMap<String, Object>();
        var messages = new LinkedHashMap<String, Object>();
        var schemas = new LinkedHashMap<String, Object>();
        schemas.put("CloudEvent", schema("/org/amends/contracts/schemas/cloudevent.schema.json"));
        for (var type : EventCatalogue.all()) {
            var key = type.routingKey();
            var example = JSON.readTree(resource(type.exampleResource()));
            var publisher = example.path("source").asString().substring(1);
            channels.put(
                    key,
                    ordered(
                            "address",
                            key,
                            "description",
                            "Routing key `" + key + "` on the `" + Exchanges.EVENTS + "` topic exchange.",
                            "messages",
                            Map.of(key, ref("#/components/messages/" + key)),
                            "bindings",
                            Map.of(
                                    "amqp",
                                    ordered(
                                            "is",
                                            "routingKey",
                                            "exchange",
                                            ordered(
                                                    "name",
                                                    Exchanges.EVENTS,
                                                    "type",
                                                    "topic",
                                                    "durable",
                                                    true,
                                                    "autoDelete",
                                                    false),
                                            "bindingVersion",
                                            "0.3.0"))));
            operations.put(
                    publisher + ".publish." + key,
                    ordered(
                            "action",
                            "send",
                            "channel",
                            ref("#/channels/" + key),
                            "summary",
                            publisher + " publishes " + type.type(),
                            "description",
                            publisher + " writes the event to its transactional outbox with the change; a relay "
                                    + "publishes it with publisher confirms (at least once; consumers deduplicate on "
                                    + "the event id).",
                            "messages",
                            List.of(ref("#/channels/" + key + "/messages/" + key))));
            for (var subscription : Subscriptions.of(type)) {
                operations.put(
                        subscription.queue() + ".receive." + key,
                        ordered(
                                "action",
                                "receive",
                                "channel",
                                ref("#/channels/" + key),
                                "summary",
                                subscription.service() + " consumes " + type.type(),
                                "description",
                                subscription.service() + " consumes it from its quorum queue `" + subscription.queue()
                                        + "`, applies each event id once, and dead-letters what it cannot read to `"
                                        + subscription.deadLetterQueue() + "`.",
                                "messages",
                                List.of(ref("#/channels/" + key + "/messages/" + key)),
                                "bindings",
                                Map.of("amqp", ordered("ack", true, "bindingVersion", "0.3.0"))));
            }
            var data = schema(type.schemaResource());
            schemas.put(
                    key,
                    ordered(
                            "allOf",
                            List.of(
                                    ref("#/components/schemas/CloudEvent"),
                                    ordered(
                                            "type",
                                            "object",
                                            "properties",
                                            ordered(
                                                    "type",
                                                    Map.of("const", type.type()),
                                                    "source",
                                                    Map.of("const", "/" + publisher),
                                                    "data",
                                                    data)))));
            messages.put(
                    key,
                    ordered(
                            "name",
                            type.type(),
                            "title",
                            data.path("description").asString(),
                            "contentType",
                            CloudEvent.CONTENT_TYPE,
                            "payload",
                            ref("#/components/schemas/" + key),
                            "examples",
                            List.of(ordered("name", type.fileStem(), "payload", example))));
        }
        return ordered(
                "asyncapi",
                "3.0.0",
                "info",
                ordered(
                        "title",
                        "Amends events",
                        "version",
                        "1.0.0",
                        "description",
                        "CloudEvents 1.0 (structured JSON mode) that Amends services publish on the `"
                                + Exchanges.EVENTS + "` topic exchange. Generated from the `contracts` module; "
                                + "versioning rules in docs/events/README.md.",
                        "tags",
                        List.of(ordered("name", "cases", "description", "Events about a case's lifecycle."))),
                "defaultContentType",
                CloudEvent.CONTENT_TYPE,
                "servers",
                Map.of(
                        "local",
                        ordered(
                                "host",
                                "localhost:5672",
                                "protocol",
                                "amqp",
                                "protocolVersion",
                                "0.9.1",
                                "description",
                                "RabbitMQ of `./amends up`.")),
                "channels",
                channels,
                "operations",
                operations,
                "components",
                ordered("schemas", schemas, "messages", messages));
    }

    private static ObjectNode schema(String resource) {
        var schema = (ObjectNode) JSON.readTree(resource(resource));
        schema.remove("$schema");
        schema.remove("$id");
        return schema;
    }

    private static Map<String, Object> ref(String pointer) {
        return Map.of("$ref", pointer);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String resource(String name) {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
