-- The primary key, not a pre-check, is what keeps concurrent retries with one key from filing two cases.
CREATE TABLE idempotency_keys (
    party           text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    response_status int,
    response_body   text,
    location        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (party, idempotency_key)
);
