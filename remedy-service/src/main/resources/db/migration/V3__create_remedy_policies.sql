-- The remedy policy catalogue: every edit is a new version; the highest version is in force.
CREATE TABLE policy_versions (
    version    integer PRIMARY KEY,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE policy_rules (
    version         integer NOT NULL REFERENCES policy_versions (version),
    error_kind      text    NOT NULL,
    severity        text    NOT NULL,
    remedy_type     text    NOT NULL,
    min_minor       bigint  NOT NULL CHECK (min_minor >= 0),
    max_minor       bigint  NOT NULL,
    suggested_minor bigint  NOT NULL,
    currency        char(3) NOT NULL,
    PRIMARY KEY (version, error_kind, severity, remedy_type),
    CHECK (min_minor <= suggested_minor AND suggested_minor <= max_minor)
);

INSERT INTO policy_versions (version, created_by) VALUES (1, 'migration');

-- Every mistake earns an apology; money grows with severity. Calculation errors (wrong bills) waive the fee.
INSERT INTO policy_rules (version, error_kind, severity, remedy_type, min_minor, max_minor, suggested_minor, currency)
SELECT 1, kind, severity, 'APOLOGY', 0, 0, 0, 'EUR'
FROM unnest(ARRAY['CONCEPT','CALCULATION','MEASUREMENT','APPRECIATION','EXECUTION','COMMUNICATION','OTHER']) AS kind,
     unnest(ARRAY['LOW','MEDIUM','HIGH','CRITICAL']) AS severity;

INSERT INTO policy_rules (version, error_kind, severity, remedy_type, min_minor, max_minor, suggested_minor, currency)
SELECT 1, kind, s.severity, CASE WHEN kind = 'CALCULATION' THEN 'FEE_WAIVER' ELSE 'CREDIT' END,
       s.min_minor, s.max_minor, s.suggested_minor, 'EUR'
FROM unnest(ARRAY['CONCEPT','CALCULATION','MEASUREMENT','APPRECIATION','EXECUTION','COMMUNICATION','OTHER']) AS kind,
     (VALUES ('MEDIUM', 0, 1000, 500), ('HIGH', 1000, 3000, 1500), ('CRITICAL', 3000, 10000, 5000))
         AS s (severity, min_minor, max_minor, suggested_minor);

INSERT INTO policy_rules (version, error_kind, severity, remedy_type, min_minor, max_minor, suggested_minor, currency)
SELECT 1, kind, 'CRITICAL', 'EXPEDITE', 0, 0, 0, 'EUR'
FROM unnest(ARRAY['CONCEPT','CALCULATION','MEASUREMENT','APPRECIATION','EXECUTION','COMMUNICATION','OTHER']) AS kind;
