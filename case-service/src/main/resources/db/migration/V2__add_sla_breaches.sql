-- One column per clock: a breach is recorded by the UPDATE that finds it still NULL, so once per clock and case.
ALTER TABLE cases ADD COLUMN acknowledge_breached_at timestamptz;
ALTER TABLE cases ADD COLUMN resolve_breached_at timestamptz;
CREATE INDEX cases_acknowledge_clock ON cases (acknowledge_due_at)
    WHERE acknowledged_at IS NULL AND acknowledge_breached_at IS NULL;
CREATE INDEX cases_resolve_clock ON cases (resolve_due_at)
    WHERE resolved_at IS NULL AND resolve_breached_at IS NULL;
