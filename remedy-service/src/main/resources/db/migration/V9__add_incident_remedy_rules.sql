-- The incident a case was linked to when it was opened, and the amount concerned (proactive cases), from case.opened.
ALTER TABLE cases ADD COLUMN incident_id uuid;
ALTER TABLE cases ADD COLUMN amount_minor bigint;
ALTER TABLE cases ADD COLUMN amount_currency text;
CREATE INDEX cases_by_incident ON cases (incident_id) WHERE incident_id IS NOT NULL;

-- One remedy rule per incident: a remedy type and either the amount concerned per case or a fixed amount.
CREATE TABLE incident_remedy_rules (
    incident_id  uuid PRIMARY KEY,
    remedy_type  text        NOT NULL,
    basis        text        NOT NULL CHECK (basis IN ('AMOUNT_CONCERNED', 'FIXED')),
    amount_minor bigint,
    currency     text,
    set_by       text        NOT NULL,
    set_at       timestamptz NOT NULL,
    approved_by  text,
    approved_at  timestamptz,
    CHECK ((basis = 'FIXED') = (amount_minor IS NOT NULL AND currency IS NOT NULL))
);
CREATE INDEX incident_remedy_rules_approved ON incident_remedy_rules (incident_id) WHERE approved_at IS NOT NULL;

-- Which linked case got the rule's remedy: the primary key makes it one per case, whatever is redelivered or retried.
CREATE TABLE incident_remedies (
    incident_id uuid        NOT NULL REFERENCES incident_remedy_rules (incident_id),
    case_id     uuid        NOT NULL,
    remedy_id   uuid,       -- null: skipped, with why
    skipped     text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (incident_id, case_id)
);
