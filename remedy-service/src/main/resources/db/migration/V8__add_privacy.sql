-- Erasures announced by case-service (amends.case.customer-erased.v1); nothing personal is held here to rewrite.
CREATE TABLE customer_erasures (
    customer_id uuid PRIMARY KEY,
    erased_by   text        NOT NULL,
    erased_at   timestamptz NOT NULL
);

-- Who exported a customer's remedy record. Append-only.
CREATE TABLE privacy_audit (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    customer_id uuid        NOT NULL
);
CREATE INDEX remedies_customer_id ON remedies (customer_id);
