package org.amends.insight.readmodel;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Every event applied, in arrival order: what a rebuild replays. */
@Repository
public class EventJournal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    EventJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the event; call it in the transaction that applies it. */
    public void record(ReceivedEvent event) {
        jdbc.sql("""
                        INSERT INTO received_events (event_id, type, subject, occurred_at, data)
                        VALUES (:id, :type, :subject, :time, CAST(:data AS jsonb))
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("id", event.id())
                .param("type", event.type())
                .param("subject", event.subject())
                .param("time", Timestamp.from(event.time()))
                .param("data", JSON.writeValueAsString(event.data()))
                .update();
    }

    record Entry(long position, ReceivedEvent event) {}

    List<Entry> after(long position, int limit) {
        return jdbc.sql("""
                        SELECT position, event_id, type, subject, occurred_at, data::text AS data FROM received_events
                        WHERE position > :position ORDER BY position LIMIT :limit""")
                .param("position", position)
                .param("limit", limit)
                .query((row, n) -> new Entry(
                        row.getLong("position"),
                        new ReceivedEvent(
                                row.getObject("event_id", java.util.UUID.class),
                                row.getString("type"),
                                row.getString("subject"),
                                row.getTimestamp("occurred_at").toInstant(),
                                JSON.readTree(row.getString("data")))))
                .list();
    }
}
