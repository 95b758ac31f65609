package org.amends.contracts;

/** Names of the RabbitMQ exchanges every service declares idempotently. */
public final class Exchanges {

    /** The one durable topic exchange all events are published to, routed by {@link EventType#routingKey()}. */
    public static final String EVENTS = "amends.events";

    private Exchanges() {}
}
