package org.amends.insight.corrective;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.insight.readmodel.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The corrective actions. */
@Repository
public class CorrectiveActions {

    private final JdbcClient jdbc;

    CorrectiveActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(CorrectiveAction action) {
        jdbc.sql("""
                        INSERT INTO corrective_actions (action_id, problem_id, description, owner, due_date, status,
                            created_by, created_at, updated_at, done_at, ineffective_at, recurrences)
                        VALUES (:id, :problemId, :description, :owner, :due, :status, :createdBy, :createdAt,
                            :updatedAt, :doneAt, :ineffectiveAt, :recurrences)
                        ON CONFLICT (action_id) DO UPDATE SET description = excluded.description,
                            owner = excluded.owner, due_date = excluded.due_date, status = excluded.status,
                            updated_at = excluded.updated_at, done_at = excluded.done_at,
                            ineffective_at = excluded.ineffective_at, recurrences = excluded.recurrences""")
                .param("id", action.actionId())
                .param("problemId", action.problemId())
                .param("description", action.description())
                .param("owner", action.owner())
                .param("due", Date.valueOf(action.dueDate()))
                .param("status", action.status().name())
                .param("createdBy", action.createdBy())
                .param("createdAt", Timestamp.from(action.createdAt()))
                .param("updatedAt", Timestamp.from(action.updatedAt()))
                .param("doneAt", Columns.timestamp(action.doneAt()), java.sql.Types.TIMESTAMP)
                .param("ineffectiveAt", Columns.timestamp(action.ineffectiveAt()), java.sql.Types.TIMESTAMP)
                .param("recurrences", action.recurrences())
                .update();
    }

    /** Reads and locks the action for a change in the current transaction. */
    public Optional<CorrectiveAction> lock(UUID actionId) {
        return jdbc.sql("SELECT * FROM corrective_actions WHERE action_id = :id FOR UPDATE")
                .param("id", actionId)
                .query((row, n) -> action(row))
                .optional();
    }

    public Optional<CorrectiveAction> get(UUID actionId) {
        return jdbc.sql("SELECT * FROM corrective_actions WHERE action_id = :id")
                .param("id", actionId)
                .query((row, n) -> action(row))
                .optional();
    }

    public List<CorrectiveAction> ofProblem(UUID problemId) {
        return jdbc.sql("SELECT * FROM corrective_actions WHERE problem_id = :id ORDER BY created_at, action_id")
                .param("id", problemId)
                .query((row, n) -> action(row))
                .list();
    }

    /**
     * The problem's actions that are done (or already proven ineffective), locked: the ones a new case opened once
     * their grace period has run proves ineffective.
     */
    public List<CorrectiveAction> watched(UUID problemId) {
        return jdbc.sql("""
                        SELECT * FROM corrective_actions
                        WHERE problem_id = :id AND status IN ('DONE', 'INEFFECTIVE') AND done_at IS NOT NULL
                        ORDER BY action_id FOR UPDATE""")
                .param("id", problemId)
                .query((row, n) -> action(row))
                .list();
    }

    /** Whether the problem exists in the read model (actions attach only to problems seen in cases). */
    public boolean problemExists(UUID problemId) {
        return jdbc.sql("SELECT count(*) FROM problems WHERE problem_id = :id")
                        .param("id", problemId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static CorrectiveAction action(ResultSet row) throws SQLException {
        return new CorrectiveAction(
                row.getObject("action_id", UUID.class),
                row.getObject("problem_id", UUID.class),
                row.getString("description"),
                row.getString("owner"),
                row.getDate("due_date").toLocalDate(),
                ActionStatus.valueOf(row.getString("status")),
                row.getString("created_by"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant(),
                Columns.instant(row, "done_at"),
                Columns.instant(row, "ineffective_at"),
                row.getLong("recurrences"));
    }
}
