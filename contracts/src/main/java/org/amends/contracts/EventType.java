package org.amends.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One versioned event type of the catalogue: its CloudEvents {@code type}, the record its {@code data} maps to, and
 * where its JSON Schema and example live.
 *
 * <p>Wire names are written out here and never derived from Java class names, so a rename in code cannot change the
 * contract.
 *
 * @param type the CloudEvents type, {@code amends.<area>.<event>.v<N>}
 * @param dataType the record the event's {@code data} maps to
 * @param <T> the data record
 */
public record EventType<T>(String type, Class<T> dataType) {

    private static final Pattern TYPE = Pattern.compile("amends\\.([a-z]+)\\.([a-z][a-z-]*)\\.v([1-9][0-9]*)");

    public EventType {
        Objects.requireNonNull(dataType, "dataType");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must look like amends.<area>.<event>.v<N>: " + type);
        }
    }

    /** The routing key on the {@code amends.events} exchange: the type without {@code amends.}, version included. */
    public String routingKey() {
        return type.substring("amends.".length());
    }

    /** The area that publishes it, e.g. {@code case}. */
    public String area() {
        return routingKey().substring(0, routingKey().indexOf('.'));
    }

    /** The major version, e.g. {@code 1} for {@code amends.case.opened.v1}. */
    public int version() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }

    /** File stem shared by the schema and the example, e.g. {@code case-opened.v1}. */
    public String fileStem() {
        var key = routingKey();
        var withoutVersion = key.substring(0, key.lastIndexOf('.'));
        return withoutVersion.replace('.', '-') + ".v" + version();
    }

    /** Classpath resource of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return "/org/amends/contracts/schemas/" + fileStem() + ".schema.json";
    }

    /** Classpath resource of a complete example event (envelope and data) of this type. */
    public String exampleResource() {
        return "/org/amends/contracts/examples/" + fileStem() + ".json";
    }
}
