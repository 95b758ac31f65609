package org.amends.messaging.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox: ids of the events this service has applied, so a redelivered or duplicated event changes nothing. It also
 * counts them, {@code amends_events_consumed_total} and {@code amends_events_duplicates_total} by type, once the
 * transaction commits ({@link AfterCommit}), so a rolled-back attempt counts nothing.
 */
public class ProcessedEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    public ProcessedEvents(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Records the event; false when it was recorded before. Call it in the transaction that applies the event, so
     * the record and the effect commit together.
     */
    public boolean firstTime(IncomingEvent event) {
        return !firstTimes(List.of(event)).isEmpty();
    }

    /**
     * Records a batch of events with one statement; returns those recorded for the first time, in the order given (an
     * event twice in the batch counts once). Call it in the transaction that applies them.
     */
    public List<IncomingEvent> firstTimes(List<IncomingEvent> events) {
        var rows = JSON.createArrayNode();
        events.forEach(event -> rows.addObject()
                .put("id", event.id().toString())
                .put("type", event.type())
                .put("subject", event.subject()));
        var inserted = new HashSet<>(
                jdbc.sql("""
                        INSERT INTO processed_events (event_id, type, case_id)
                        SELECT CAST(e->>'id' AS uuid), e->>'type', e->>'subject'
                        FROM jsonb_array_elements(CAST(:events AS jsonb)) AS e
                        ON CONFLICT (event_id) DO NOTHING
                        RETURNING event_id""").param("events", rows.toString()).query(UUID.class).list());
        var first = new ArrayList<IncomingEvent>(inserted.size());
        for (var event : events) {
            var isFirst = inserted.remove(event.id());
            count(event, isFirst);
            if (isFirst) {
                first.add(event);
            }
        }
        return first;
    }

    private void count(IncomingEvent event, boolean first) {
        var counter = first ? "amends_events_consumed_total" : "amends_events_duplicates_total";
        AfterCommit.run(() -> meters.counter(counter, "type", event.type()).increment());
    }
}
