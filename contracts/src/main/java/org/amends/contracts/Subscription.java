package org.amends.contracts;

import java.util.List;

/**
 * A consumer's queue and the event types bound to it: who consumes what, as the catalogue documents it. The consumer
 * declares its queue and bindings from this record, so the catalogue and the broker cannot disagree.
 *
 * @param service the consuming service, e.g. {@code remedy-service}
 * @param queue its quorum queue on {@code amends.events}, e.g. {@code remedy-service.case-events}
 * @param types the exact versioned types it binds
 * @param retired types an earlier version of the consumer bound and this one does not apply: taken off its queue when
 *     the consumer starts (declaring a queue only adds bindings), and read and skipped if one is still queued, not
 *     refused into the dead-letter queue
 */
public record Subscription(String service, String queue, List<EventType<?>> types, List<EventType<?>> retired) {

    /** The header of a dead-lettered message that says why the consumer refused it. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-amends-dead-letter-reason";

    public Subscription {
        types = List.copyOf(types);
        retired = List.copyOf(retired);
        if (retired.stream().anyMatch(types::contains)) {
            throw new IllegalArgumentException("a type is bound or retired, not both: " + queue);
        }
        if (!queue.startsWith(service + ".")) {
            throw new IllegalArgumentException("a queue is named for its consumer: " + queue);
        }
    }

    /** A consumer that has retired no type. */
    public Subscription(String service, String queue, List<EventType<?>> types) {
        this(service, queue, types, List.of());
    }

    /** Whether the consumer reads a message of this type: one it binds, or one it has retired (and skips). */
    public boolean reads(String type) {
        return types.stream().anyMatch(t -> t.type().equals(type))
                || retired.stream().anyMatch(t -> t.type().equals(type));
    }

    /** Where events this consumer refuses go, with their reason, for an operator to inspect and replay. */
    public String deadLetterQueue() {
        return queue + ".dlq";
    }
}
