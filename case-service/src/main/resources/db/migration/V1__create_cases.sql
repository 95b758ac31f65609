CREATE SEQUENCE case_reference_seq START WITH 1;

CREATE TABLE customers (
    contact     text PRIMARY KEY,
    customer_id uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_customer_id ON customers (customer_id);

CREATE TABLE cases (
    id                  uuid PRIMARY KEY,
    reference           text        NOT NULL UNIQUE,
    channel             text        NOT NULL,
    submitted_by        text        NOT NULL,
    submitter_kind      text        NOT NULL,
    customer_name       text        NOT NULL,
    customer_email      text,
    customer_phone      text,
    customer_locale     text        NOT NULL,
    customer_social     text,
    customer_audience   bigint,
    customer_id         uuid        NOT NULL,
    product             text        NOT NULL,
    error_kind          text        NOT NULL,
    summary             text        NOT NULL,
    description         text        NOT NULL,
    impact              text        NOT NULL,
    severity            text        NOT NULL,
    sentiment           double precision NOT NULL,
    triage_reasons      text[]      NOT NULL,
    order_reference     text,
    status              text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    acknowledge_due_at  timestamptz NOT NULL,
    resolve_due_at      timestamptz NOT NULL,
    acknowledged_at     timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    root_cause_code     text,
    root_cause_summary  text,
    version             bigint      NOT NULL
);
CREATE INDEX cases_newest_first ON cases (created_at DESC, id DESC);
CREATE INDEX cases_by_submitter ON cases (submitted_by, created_at DESC, id DESC);

CREATE TABLE timeline (
    id         bigserial PRIMARY KEY,
    case_id    uuid        NOT NULL REFERENCES cases (id),
    at         timestamptz NOT NULL,
    kind       text        NOT NULL,
    actor      text        NOT NULL,
    visibility text        NOT NULL,
    text       text        NOT NULL
);
CREATE INDEX timeline_by_case ON timeline (case_id, id);
