package org.amends.testkit;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.contracts.EventCatalogue;
import org.amends.contracts.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks published events against the catalogue in {@code contracts}: the CloudEvents envelope, that the type is in the
 * catalogue, and the type's data schema. Producers run every event their tests publish through {@link #assertValid};
 * consumers feed themselves {@link #examples()}.
 */
public final class EventSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema ENVELOPE = schema("/org/amends/contracts/schemas/cloudevent.schema.json");

    private EventSchemas() {}

    /** Everything wrong with one published event; empty when it honours the contract. */
    public static List<String> problems(String cloudEventJson) {
        var event = JSON.readTree(cloudEventJson);
        var problems = new ArrayList<String>();
        ENVELOPE.validate(event).forEach(error -> problems.add("envelope: " + error.getMessage()));
        var type = event.path("type").asString("");
        var known = EventCatalogue.byType(type);
        if (known.isEmpty()) {
            problems.add("type " + type + " is not in the event catalogue (contracts' EventCatalogue)");
            return problems;
        }
        schema(known.get().schemaResource())
                .validate(event.path("data"))
                .forEach(error -> problems.add("data: " + error.getMessage()));
        return problems;
    }

    /** Fails the test with every problem of the event, or returns the parsed event when it is valid. */
    public static JsonNode assertValid(String cloudEventJson) {
        var problems = problems(cloudEventJson);
        if (!problems.isEmpty()) {
            throw new AssertionError("event breaks the contract: " + problems + "\n" + cloudEventJson);
        }
        return JSON.readTree(cloudEventJson);
    }

    /** The checked-in example event of every type in the catalogue, keyed by type. */
    public static Map<String, String> examples() {
        var examples = new LinkedHashMap<String, String>();
        for (EventType<?> type : EventCatalogue.all()) {
            examples.put(type.type(), resource(type.exampleResource()));
        }
        return examples;
    }

    /** The checked-in example of {@code type} with its CloudEvent {@code id} replaced, so it is a new event. */
    public static String example(String type, UUID id) {
        var example = examples().get(type);
        if (example == null) {
            throw new IllegalArgumentException("no example of " + type + " in the catalogue");
        }
        return withId(example, id);
    }

    /** The event with its CloudEvent {@code id} replaced. */
    public static String withId(String cloudEventJson, UUID id) {
        return cloudEventJson.replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + id + "\"");
    }

    private static Schema schema(String resource) {
        return REGISTRY.getSchema(resource(resource));
    }

    private static String resource(String name) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing contract resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
