package org.amends.insight.readmodel;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds the read models (cases, remedies, problems) from the event journal, in one transaction that holds the
 * consumers back meanwhile. Decisions already published (alerts, corrective actions and their recurrences, spike
 * baselines) are kept: replaying must not raise an alert twice. Tables counted from the cases (spike slots) are
 * recounted from the replayed ones.
 */
@Component
public class Rebuild {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final EventJournal journal;
    private final ReadModel readModel;
    private final List<DerivedFromCases> derived;

    Rebuild(JdbcClient jdbc, EventJournal journal, ReadModel readModel, List<DerivedFromCases> derived) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.readModel = readModel;
        this.derived = derived;
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
                readModel.writeProblems();
                derived.forEach(DerivedFromCases::recount);
                return replayed;
            }
            readModel.applyAll(page.stream().map(EventJournal.Entry::event).toList(), false, (event, opened) -> {});
            position = page.getLast().position();
            replayed += page.size();
        }
    }
}
