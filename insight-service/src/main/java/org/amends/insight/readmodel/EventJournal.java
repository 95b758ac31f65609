package org.amends.insight.readmodel;

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

    /** Keeps the events, in the order given, with one statement; call it in the transaction that applies them. */
    public void recordAll(List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var rows = JSON.createArrayNode();
        events.forEach(event -> rows.addObject()
                .put("id", event.id().toString())
                .put("type", event.type())
                .put("subject", event.subject())
                .put("time", event.time().toString())
                .set("data", event.data()));
        jdbc.sql("""
                        INSERT INTO received_events (event_id, type, subject, occurred_at, data)
                        SELECT CAST(e->>'id' AS uuid), e->>'type', e->>'subject', CAST(e->>'time' AS timestamptz),
                            e->'data'
                        FROM jsonb_array_elements(CAST(:events AS jsonb)) WITH ORDINALITY AS r(e, n)
                        ORDER BY n
                        ON CONFLICT (event_id) DO NOTHING""").param("events", rows.toString()).update();
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
