package org.amends.cases.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customers' ratings, one per case; the comment is personal data and never leaves this service. */
@Repository
class Feedbacks {

    private final JdbcClient jdbc;

    Feedbacks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the case's rating; false when it was rated before (the primary key decides, not a pre-check). */
    boolean add(UUID caseId, int rating, @Nullable String comment, Instant at) {
        return jdbc.sql("""
                        INSERT INTO feedback (case_id, rating, comment, received_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (case_id) DO NOTHING""")
                        .params(caseId, rating, comment, at.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    boolean given(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM feedback WHERE case_id = ?")
                        .param(caseId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
