-- Every event applied, as received, in arrival order: the replay source of a rebuild.
CREATE TABLE received_events (
    position    bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    subject     text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Problems: cases that share product and error kind (root-cause codes are a breakdown inside a problem).
CREATE TABLE problems (
    problem_id    uuid PRIMARY KEY,
    signature     text        NOT NULL UNIQUE,
    product       text        NOT NULL,
    error_kind    text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);

-- One row per case, from its events in any order: each fact keeps the value of the highest case version that set it.
CREATE TABLE cases (
    case_id                    uuid PRIMARY KEY,
    reference                  text,
    version                    bigint      NOT NULL,
    status                     text        NOT NULL,
    status_version             bigint      NOT NULL,
    problem_id                 uuid,
    product                    text,
    error_kind                 text,
    channel                    text,
    severity                   text,
    customer_id                uuid,
    audience_size              bigint,
    sentiment                  double precision,
    opened_at                  timestamptz,
    acknowledge_due_at         timestamptz,
    resolve_due_at             timestamptz,
    acknowledged_at            timestamptz,
    acknowledged_within_sla    boolean,
    resolved_at                timestamptz,
    resolved_within_sla        boolean,
    resolved_version           bigint,
    root_cause_code            text,
    closed_at                  timestamptz,
    acknowledgement_breached   boolean     NOT NULL DEFAULT false,
    resolution_breached        boolean     NOT NULL DEFAULT false,
    remedy_accepted            boolean     NOT NULL DEFAULT false,
    rating                     integer,
    rating_with_remedy         boolean,
    rated_at                   timestamptz,
    acknowledgement_measured   boolean     NOT NULL DEFAULT false,
    resolution_measured        boolean     NOT NULL DEFAULT false
);
CREATE INDEX cases_problem ON cases (problem_id, opened_at);
CREATE INDEX cases_signature ON cases (product, error_kind, opened_at);
CREATE INDEX cases_open ON cases (status) WHERE status = 'OPEN';

-- One row per remedy; its state is the furthest step of the lifecycle seen, whatever the arrival order.
CREATE TABLE remedies (
    remedy_id          uuid PRIMARY KEY,
    case_id            uuid    NOT NULL,
    remedy_type        text,
    amount_minor_units bigint,
    currency           text,
    amount_rank        integer NOT NULL DEFAULT 0,
    state              text    NOT NULL,
    state_rank         integer NOT NULL,
    fulfilled_at       timestamptz,
    cost_counted       boolean NOT NULL DEFAULT false
);
CREATE INDEX remedies_case ON remedies (case_id);

-- Corrective actions (CAPA) analysts attach to a problem; DONE starts the effectiveness watch.
CREATE TABLE corrective_actions (
    action_id      uuid PRIMARY KEY,
    problem_id     uuid        NOT NULL,
    description    text        NOT NULL,
    owner          text        NOT NULL,
    due_date       date        NOT NULL,
    status         text        NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    done_at        timestamptz,
    ineffective_at timestamptz,
    recurrences    bigint      NOT NULL DEFAULT 0
);
CREATE INDEX corrective_actions_problem ON corrective_actions (problem_id);

-- Alerts raised (recurrence, spike, reputation); dedup_key makes each one happen once.
CREATE TABLE alerts (
    alert_id        uuid PRIMARY KEY,
    kind            text        NOT NULL,
    dedup_key       text        NOT NULL UNIQUE,
    problem_id      uuid,
    case_id         uuid,
    signature       text,
    summary         text        NOT NULL,
    details         jsonb       NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text
);
CREATE INDEX alerts_raised ON alerts (raised_at DESC);

-- Per signature: the EWMA baseline of cases per window and the spike episode in progress, if any.
CREATE TABLE spike_baselines (
    signature          text PRIMARY KEY,
    last_bucket        bigint           NOT NULL,
    mean               double precision NOT NULL,
    variance           double precision NOT NULL,
    episode_id         uuid,
    episode_started_at timestamptz
);
