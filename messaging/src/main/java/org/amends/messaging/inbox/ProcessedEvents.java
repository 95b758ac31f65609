package org.amends.messaging.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox: ids of the events this service has applied, so a redelivered or duplicated event changes nothing. It also
 * counts them, {@code amends_events_consumed_total} and {@code amends_events_duplicates_total} by type, once the
 * transaction commits ({@link AfterCommit}), so a rolled-back attempt counts nothing.
 */
public class ProcessedEvents {

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
        var first = jdbc.sql("""
                                INSERT INTO processed_events (event_id, type, case_id) VALUES (:id, :type, :caseId)
                                ON CONFLICT (event_id) DO NOTHING""")
                        .param("id", event.id())
                        .param("type", event.type())
                        .param("caseId", event.subject())
                        .update()
                == 1;
        var counter = first ? "amends_events_consumed_total" : "amends_events_duplicates_total";
        AfterCommit.run(() -> meters.counter(counter, "type", event.type()).increment());
        return first;
    }
}
