-- Incidents: one known mistake of ours with a bilingual public statement. Numbered V10 to leave room for small
-- migrations other branches add meanwhile.
CREATE SEQUENCE incident_reference_seq START WITH 1;

CREATE TABLE incidents (
    id                 uuid PRIMARY KEY,
    reference          text        NOT NULL UNIQUE,
    title              text        NOT NULL,
    product            text        NOT NULL,
    error_kind         text        NOT NULL,
    statement_en       text        NOT NULL,
    statement_es       text        NOT NULL,
    partners           text[]      NOT NULL DEFAULT '{}',
    status             text        NOT NULL,
    started_at         timestamptz NOT NULL,
    root_cause_code    text,
    root_cause_summary text,
    resolved_at        timestamptz,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL
);
CREATE INDEX incidents_newest_first ON incidents (created_at DESC, id DESC);
-- Intake looks up the open incident of a case's signature on every case filed.
CREATE INDEX incidents_open_signature ON incidents (lower(product), error_kind) WHERE status <> 'RESOLVED';

-- Updates are stored once per incident; timelines and status pages of linked cases merge them when read.
CREATE TABLE incident_updates (
    id          bigserial PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incidents (id),
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    text_en     text        NOT NULL,
    text_es     text        NOT NULL
);
CREATE INDEX incident_updates_by_incident ON incident_updates (incident_id, id);

-- The link is a mark on the case, not a lifecycle step: like escalation it leaves the case's version alone.
ALTER TABLE cases ADD COLUMN incident_id uuid REFERENCES incidents (id);
CREATE INDEX cases_by_incident ON cases (incident_id, status) WHERE incident_id IS NOT NULL;

-- One proactive case per customer and incident: the primary key, not a pre-check, makes a re-upload create nothing
-- twice. The amount is kept for the incident's remedy rule.
CREATE TABLE incident_customers (
    incident_id  uuid        NOT NULL REFERENCES incidents (id),
    customer_ref text        NOT NULL,
    case_id      uuid        REFERENCES cases (id),
    amount_minor bigint,
    currency     text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (incident_id, customer_ref)
);

-- A bulk import of affected customers. The worker holding the lease processes it; an expired lease (the worker died)
-- lets another one resume where the committed batches stopped.
CREATE TABLE import_jobs (
    id           uuid PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incidents (id),
    submitted_by text        NOT NULL,
    submitter_kind text      NOT NULL,
    state        text        NOT NULL,
    total        int         NOT NULL DEFAULT 0,
    processed    int         NOT NULL DEFAULT 0,
    created      int         NOT NULL DEFAULT 0,
    duplicates   int         NOT NULL DEFAULT 0,
    rejected     int         NOT NULL DEFAULT 0,
    failures     int         NOT NULL DEFAULT 0,
    failure      text,
    lease_owner  text,
    lease_until  timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX import_jobs_claimable ON import_jobs (created_at) WHERE state IN ('QUEUED', 'RUNNING');

-- The uploaded lines not yet processed: a batch deletes the lines it handled in its own transaction.
CREATE TABLE import_lines (
    job_id  uuid NOT NULL REFERENCES import_jobs (id),
    line_no int  NOT NULL,
    body    text NOT NULL,
    PRIMARY KEY (job_id, line_no)
);

CREATE TABLE import_rejections (
    job_id  uuid NOT NULL REFERENCES import_jobs (id),
    line_no int  NOT NULL,
    reason  text NOT NULL,
    PRIMARY KEY (job_id, line_no)
);
