-- The consumer inbox (DDL from messaging's processed-events.sql): one row per event applied, so redelivered and
-- duplicated remedy events change nothing.
CREATE TABLE processed_events (
    event_id    uuid PRIMARY KEY,
    type        text        NOT NULL,
    case_id     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_events_case_id ON processed_events (case_id);

-- What case-service knows of its cases' remedies, for the status page and the resolution on fulfilment. Events may
-- arrive out of order: the state only moves forward (step), and type and amount arrive with proposed/approved/offered.
CREATE TABLE case_remedies (
    remedy_id          uuid PRIMARY KEY,
    case_id            uuid        NOT NULL REFERENCES cases (id),
    remedy_type        text,
    amount_minor_units bigint,
    currency           text,
    state              text        NOT NULL,
    step               int         NOT NULL,
    accepted           boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX case_remedies_by_case ON case_remedies (case_id);

-- Set once when a remedy of the case failed: the case needs a supervisor.
ALTER TABLE cases ADD COLUMN escalated_at timestamptz;
