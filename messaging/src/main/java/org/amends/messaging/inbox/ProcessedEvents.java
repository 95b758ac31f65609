package org.amends.messaging.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbox: ids of the events this service has applied, so a redelivered or duplicated event changes nothing. */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event; false when it was recorded before. Call it in the transaction that applies the event, so
     * the record and the effect commit together.
     */
    public boolean firstTime(IncomingEvent event) {
        return jdbc.sql("""
                        INSERT INTO processed_events (event_id, type, case_id) VALUES (:id, :type, :caseId)
                        ON CONFLICT (event_id) DO NOTHING""")
                        .param("id", event.id())
                        .param("type", event.type())
                        .param("caseId", event.subject())
                        .update()
                == 1;
    }
}
