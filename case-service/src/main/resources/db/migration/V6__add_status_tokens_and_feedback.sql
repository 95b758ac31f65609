-- Only the SHA-256 of a token is kept: a leaked table opens no status page. One live token per case.
CREATE TABLE status_tokens (
    case_id    uuid PRIMARY KEY REFERENCES cases (id),
    token_hash bytea       NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- The customer's rating of a resolved case; the comment is personal data and never leaves this service.
CREATE TABLE feedback (
    case_id     uuid PRIMARY KEY REFERENCES cases (id),
    rating      int         NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     text,
    received_at timestamptz NOT NULL
);
