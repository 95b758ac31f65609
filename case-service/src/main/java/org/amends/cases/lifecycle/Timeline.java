package org.amends.cases.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored timelines of all cases. */
@Repository
public class Timeline {

    /** One entry of a batch, on the timeline of {@code caseId}. */
    public record Append(UUID caseId, TimelineEntry entry) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    Timeline(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Appends many entries in one JDBC batch (the bulk import's form of {@link #append}). */
    public void appendAll(List<Append> all) {
        batch.batchUpdate(
                "INSERT INTO timeline (case_id, at, kind, actor, visibility, text) VALUES (?, ?, ?, ?, ?, ?)",
                all.stream()
                        .map(a -> new Object[] {
                            a.caseId(),
                            Cases.timestamp(a.entry().at()),
                            a.entry().kind(),
                            a.entry().actor(),
                            a.entry().visibility().name(),
                            a.entry().text()
                        })
                        .toList());
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

    /**
     * Oldest first; {@code customerVisibleOnly} hides internal entries. The updates of the incident the case is linked
     * to are merged in by time, in the customer's language: they are stored once per incident, not once per case.
     */
    public List<TimelineEntry> of(UUID caseId, boolean customerVisibleOnly) {
        var own = entries(caseId, customerVisibleOnly);
        var updates = jdbc.sql("""
                        SELECT u.at, u.actor, CASE WHEN c.customer_locale = 'es' THEN u.text_es ELSE u.text_en END AS text
                        FROM cases c JOIN incident_updates u ON u.incident_id = c.incident_id
                        WHERE c.id = ? ORDER BY u.id""")
                .param(caseId)
                .query((rs, n) -> new TimelineEntry(
                        rs.getTimestamp("at").toInstant(),
                        "INCIDENT_UPDATE",
                        rs.getString("actor"),
                        Visibility.CUSTOMER,
                        rs.getString("text")))
                .list();
        if (updates.isEmpty()) {
            return own;
        }
        var merged = new ArrayList<TimelineEntry>(own.size() + updates.size());
        int u = 0;
        for (var entry : own) {
            while (u < updates.size() && updates.get(u).at().isBefore(entry.at())) {
                merged.add(updates.get(u++));
            }
            merged.add(entry);
        }
        merged.addAll(updates.subList(u, updates.size()));
        return merged;
    }

    private List<TimelineEntry> entries(UUID caseId, boolean customerVisibleOnly) {
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
