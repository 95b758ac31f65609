-- Partners' webhook endpoints and the deliveries made to them.
CREATE TABLE webhook_endpoints (
    id           uuid PRIMARY KEY,
    partner      text        NOT NULL,
    url          text        NOT NULL,
    remedy_types text[]      NOT NULL,
    secret       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_partner ON webhook_endpoints (partner);

CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    remedy_id       uuid        NOT NULL UNIQUE,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id),
    partner         text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    last_error      text,
    delivered_at    timestamptz,
    confirmed_at    timestamptz,
    partner_reference text
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
