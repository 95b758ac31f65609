package org.amends.messaging.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** One event of a batch: about {@code subject}, at {@code time}. */
    public record Entry<T>(UUID subject, Instant time, T data) {}

    /** Rows per multi-row INSERT: five parameters each, well under PostgreSQL's limit on parameters. */
    private static final int ROWS_PER_INSERT = 1_000;

    /**
     * Adds many events of one type as bulk, in few statements (a multi-row INSERT per {@value #ROWS_PER_INSERT}): the
     * bulk paths' form of {@link #add} (an incident's import, say), with the same rows marked {@code bulk}. The relay
     * holds bulk rows back while the service's {@link BulkPacing} asks it to. Must run inside
     * the transaction of the change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void addBulk(EventType<T> type, List<Entry<T>> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            var chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            var sql = new StringBuilder(
                    "INSERT INTO outbox (event_id, event_type, routing_key, subject, payload, bulk) VALUES ");
            var params = new ArrayList<Object>(chunk.size() * 5);
            for (int i = 0; i < chunk.size(); i++) {
                var entry = chunk.get(i);
                var event = CloudEvent.of(
                        type, UUID.randomUUID(), source, entry.subject().toString(), entry.time(), entry.data());
                sql.append(i == 0 ? "(?, ?, ?, ?, ?, true)" : ", (?, ?, ?, ?, ?, true)");
                params.add(event.id());
                params.add(type.type());
                params.add(type.routingKey());
                params.add(event.subject());
                params.add(json.writeValueAsString(event));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    public String source() {
        return source;
    }
}
