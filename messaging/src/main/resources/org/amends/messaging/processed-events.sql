-- The consumer inbox: one row per event applied, so redelivered and duplicated events change nothing.
CREATE TABLE processed_events (
    event_id    uuid PRIMARY KEY,
    type        text        NOT NULL,
    case_id     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX processed_events_case_id ON processed_events (case_id);
