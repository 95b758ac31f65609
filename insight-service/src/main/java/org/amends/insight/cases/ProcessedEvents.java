package org.amends.insight.cases;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inbox: ids of the events this service has applied, so a redelivered event changes nothing. */
@Repository
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when it was recorded before (a redelivery or a duplicate publish). */
    boolean firstTime(UUID eventId, String type, String caseId) {
        return jdbc.sql("""
                        INSERT INTO processed_events (event_id, type, case_id) VALUES (:id, :type, :caseId)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                        .param("id", eventId)
                        .param("type", type)
                        .param("caseId", caseId)
                        .update()
                == 1;
    }
}
