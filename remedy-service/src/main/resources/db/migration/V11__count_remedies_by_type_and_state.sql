-- Remedies by type and state for the gauges, kept as the table changes instead of counted over the whole table every
-- 15 s (57 ms at 11,000 remedies, growing with the table; at a call-centre peak that is millions of rows a day).
-- Every statement that adds, changes or removes remedies appends its net change per type and state to
-- remedy_count_changes: inserts only, so no writer waits for another or holds a lock a second one needs. The metrics'
-- refresh folds the changes into remedy_counts in one statement (Remedies.countByTypeAndState).
CREATE TABLE remedy_counts (
    type  text   NOT NULL,
    state text   NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (type, state)
);

CREATE TABLE remedy_count_changes (
    type  text   NOT NULL,
    state text   NOT NULL,
    delta bigint NOT NULL
);

-- One statement's rows at once (transition tables), so a batch of a thousand remedies is one change row per type and
-- state, not a thousand; an update that leaves type and state as they were appends nothing.
CREATE FUNCTION remedy_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO remedy_count_changes (type, state, delta)
        SELECT type, state, count(*) FROM added GROUP BY type, state;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO remedy_count_changes (type, state, delta)
        SELECT type, state, -count(*) FROM removed GROUP BY type, state;
    ELSE
        INSERT INTO remedy_count_changes (type, state, delta)
        SELECT type, state, sum(delta)
        FROM (SELECT type, state, 1 AS delta FROM added
              UNION ALL
              SELECT type, state, -1 FROM removed) AS changed
        GROUP BY type, state
        HAVING sum(delta) <> 0;
    END IF;
    RETURN NULL;
END $$;

-- What is there already, counted while no remedy can change (this migration's transaction holds the lock until the
-- triggers exist).
LOCK TABLE remedies IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO remedy_counts (type, state, n)
SELECT type, state, count(*) FROM remedies GROUP BY type, state;

CREATE TRIGGER remedies_counted_on_insert AFTER INSERT ON remedies
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION remedy_counts_follow();
CREATE TRIGGER remedies_counted_on_update AFTER UPDATE ON remedies
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION remedy_counts_follow();
CREATE TRIGGER remedies_counted_on_delete AFTER DELETE ON remedies
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION remedy_counts_follow();
