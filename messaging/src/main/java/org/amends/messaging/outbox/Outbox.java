package org.amends.messaging.outbox;

import java.time.Instant;
import java.util.UUID;
import org.amends.contracts.CloudEvent;
import org.amends.contracts.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a state change leaves the events it causes: a row per event in the same transaction as the change, so an
 * event exists exactly when its change does. {@link OutboxRelay} publishes them.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String source;

    /**
     * @param source the CloudEvents {@code source} of this service's events, e.g. {@code /case-service}
     */
    public Outbox(JdbcClient jdbc, JsonMapper json, String source) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
    }

    /** Adds one event about a case as a CloudEvent; must run inside the transaction of the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void add(EventType<T> type, UUID subject, Instant time, T data) {
        var event = CloudEvent.of(type, UUID.randomUUID(), source, subject.toString(), time, data);
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, routing_key, subject, payload)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(event.id(), type.type(), type.routingKey(), event.subject(), json.writeValueAsString(event))
                .update();
    }

    public String source() {
        return source;
    }
}
