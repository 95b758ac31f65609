package org.amends.cases.outbox;

import java.time.Instant;
import java.util.UUID;
import org.amends.contracts.CloudEvent;
import org.amends.contracts.EventType;
import org.amends.contracts.cases.CaseEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a state change leaves the events it causes: a row per event in the same transaction as the change, so an
 * event exists exactly when its change does. {@link OutboxRelay} publishes them.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds one case event as a CloudEvent; must run inside the transaction of the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void add(EventType<T> type, UUID caseId, Instant time, T data) {
        var event = CloudEvent.of(type, UUID.randomUUID(), CaseEvents.SOURCE, caseId.toString(), time, data);
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, routing_key, subject, payload)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(event.id(), type.type(), type.routingKey(), event.subject(), json.writeValueAsString(event))
                .update();
    }
}
