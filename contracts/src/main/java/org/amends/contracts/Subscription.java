package org.amends.contracts;

import java.util.List;

/**
 * A consumer's queue and the event types bound to it: who consumes what, as the catalogue documents it. The consumer
 * declares its queue and bindings from this record, so the catalogue and the broker cannot disagree.
 *
 * @param service the consuming service, e.g. {@code remedy-service}
 * @param queue its quorum queue on {@code amends.events}, e.g. {@code remedy-service.case-events}
 * @param types the exact versioned types it binds
 */
public record Subscription(String service, String queue, List<EventType<?>> types) {

    /** The header of a dead-lettered message that says why the consumer refused it. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-amends-dead-letter-reason";

    public Subscription {
        types = List.copyOf(types);
        if (!queue.startsWith(service + ".")) {
            throw new IllegalArgumentException("a queue is named for its consumer: " + queue);
        }
    }

    /** Where events this consumer refuses go, with their reason, for an operator to inspect and replay. */
    public String deadLetterQueue() {
        return queue + ".dlq";
    }
}
