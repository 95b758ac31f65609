CREATE TABLE remedies (
    id                uuid PRIMARY KEY,
    case_id           uuid        NOT NULL,
    customer_id       uuid        NOT NULL,
    error_kind        text        NOT NULL,
    type              text        NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor >= 0),
    currency          char(3)     NOT NULL,
    origin            text        NOT NULL,
    proposed_by       text        NOT NULL,
    proposed_at       timestamptz NOT NULL,
    required_approval text        NOT NULL,
    state             text        NOT NULL,
    fulfiller         text,
    version           bigint      NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remedies_case_id ON remedies (case_id);

-- What each error kind has spent on approved remedies per calendar month (UTC), per currency.
CREATE TABLE budget_usage (
    error_kind text    NOT NULL,
    month      date    NOT NULL,
    currency   char(3) NOT NULL,
    used_minor bigint  NOT NULL DEFAULT 0 CHECK (used_minor >= 0),
    PRIMARY KEY (error_kind, month, currency)
);
