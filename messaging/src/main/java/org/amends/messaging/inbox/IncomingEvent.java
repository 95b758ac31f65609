package org.amends.messaging.inbox;

import java.util.UUID;
import org.amends.contracts.Subscription;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One CloudEvent as a consumer reads it: only the envelope fields it needs and its {@code data}, unknown fields
 * ignored. Reading refuses, into the dead-letter queue, a body that is not a CloudEvent or a type the subscription
 * neither binds nor has retired (an unknown major version included). A retired type is read, for the consumer to
 * record and skip: it was queued through a binding an earlier version of the consumer had.
 *
 * @param id the deduplication key
 * @param type e.g. {@code amends.case.opened.v1}
 * @param subject the case id
 * @param data the event's data
 */
public record IncomingEvent(UUID id, String type, String subject, JsonNode data) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static IncomingEvent read(byte[] body, Subscription subscription) {
        return read(tree(body), subscription);
    }

    /** The message body as a JSON tree, for a consumer that reads more of the envelope than this record holds. */
    public static JsonNode tree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new AmqpRejectAndDontRequeueException("not a JSON CloudEvent: " + e.getOriginalMessage());
        }
    }

    /** As {@link #read(byte[], Subscription)}, from the body's tree ({@link #tree}). */
    public static IncomingEvent read(JsonNode event, Subscription subscription) {
        var id = event.path("id").asString("");
        var type = event.path("type").asString("");
        if (!subscription.reads(type)) {
            throw new AmqpRejectAndDontRequeueException("unknown event type " + type + " (event " + id + ")");
        }
        try {
            return new IncomingEvent(
                    UUID.fromString(id), type, event.path("subject").asString(""), event.path("data"));
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException("event id is not a UUID: " + id);
        }
    }

    public boolean is(org.amends.contracts.EventType<?> eventType) {
        return type.equals(eventType.type());
    }
}
