-- Who exported or erased whose personal data. Append-only.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    customer_id uuid        NOT NULL,
    detail      text        NOT NULL
);
CREATE INDEX audit_log_by_customer ON audit_log (customer_id, id);

-- Customers whose personal data was erased: a repeated request answers the first erasure.
CREATE TABLE customer_erasures (
    customer_id uuid PRIMARY KEY,
    erased_at   timestamptz NOT NULL
);
CREATE INDEX cases_by_customer ON cases (customer_id);
