package org.amends.insight.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds the read models (cases, remedies, problems) from the event journal, in one transaction that holds the
 * consumers back meanwhile. Decisions already published (alerts, corrective actions and their recurrences, spike
 * baselines) are kept: replaying must not raise an alert twice.
 */
@Component
public class Rebuild {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final EventJournal journal;
    private final ReadModel readModel;

    Rebuild(JdbcClient jdbc, EventJournal journal, ReadModel readModel) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.readModel = readModel;
    }

    /** Replays every journalled event in arrival order; returns how many. */
    @Transactional
    public long run() {
        jdbc.sql("LOCK TABLE cases, remedies, problems, received_events IN EXCLUSIVE MODE")
                .update();
        jdbc.sql("DELETE FROM cases").update();
        jdbc.sql("DELETE FROM remedies").update();
        jdbc.sql("DELETE FROM problems").update();
        long position = 0;
        long replayed = 0;
        while (true) {
            var page = journal.after(position, PAGE);
            if (page.isEmpty()) {
                return replayed;
            }
            for (var entry : page) {
                readModel.apply(entry.event(), false);
                position = entry.position();
                replayed++;
            }
        }
    }
}
