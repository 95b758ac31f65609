package org.amends.cases.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored timelines of all cases. */
@Repository
public class Timeline {

    private final JdbcClient jdbc;

    Timeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(UUID caseId, TimelineEntry entry) {
        jdbc.sql("INSERT INTO timeline (case_id, at, kind, actor, visibility, text) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        caseId,
                        Cases.timestamp(entry.at()),
                        entry.kind(),
                        entry.actor(),
                        entry.visibility().name(),
                        entry.text())
                .update();
    }

    public void append(UUID caseId, Instant at, String kind, String actor, Visibility visibility, String text) {
        append(caseId, new TimelineEntry(at, kind, actor, visibility, text));
    }

    /** Oldest first; {@code customerVisibleOnly} hides internal entries. */
    public List<TimelineEntry> of(UUID caseId, boolean customerVisibleOnly) {
        return jdbc.sql("""
                        SELECT at, kind, actor, visibility, text FROM timeline
                        WHERE case_id = ? AND (? = false OR visibility = 'CUSTOMER')
                        ORDER BY id""")
                .params(caseId, customerVisibleOnly)
                .query((rs, n) -> new TimelineEntry(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("actor"),
                        Visibility.valueOf(rs.getString("visibility")),
                        rs.getString("text")))
                .list();
    }
}
