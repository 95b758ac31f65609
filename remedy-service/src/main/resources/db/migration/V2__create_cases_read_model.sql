-- What remedy-service knows of each case, from case-service's events: enough to propose and budget remedies.
CREATE TABLE cases (
    case_id      uuid PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    error_kind   text        NOT NULL,
    severity     text        NOT NULL,
    locale       text        NOT NULL,
    partner      text, -- the partner that submitted the case, if one did: it fulfils the case's remedies first
    status       text        NOT NULL,
    opened_at    timestamptz NOT NULL
);
