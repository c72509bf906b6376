-- The PostgreSQL schema (this file to 0006): the SQLite schema of migrations/0001-0022 as it stands
-- after 0022, in PostgreSQL's words. Same tables, columns (text dates, bigint cents and 0/1 flags, so storage's
-- SQL is shared), indexes, views and triggers; trigger bodies are PL/pgSQL functions run for each
-- row. Differences: AUTOINCREMENT is an identity column; remittances get an explicit `rowid`
-- (insertion order, which SQLite gives implicitly); generated columns are STORED; a `WHEN` that
-- reads other rows becomes an IF inside the function; `IS` / `IS NOT` between values are
-- `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`; date arithmetic uses `date + integer`.
-- Rule 1 is the same partial unique index: one_active_case_per_claim (0002); the data version triggers
-- share three functions (0003) and the case totals one (0004). Here: the tables.

CREATE TABLE organizations (
    id               text PRIMARY KEY,
    name             text NOT NULL UNIQUE,
    next_case_number bigint NOT NULL DEFAULT 1,
    created_at       text NOT NULL
, data_version bigint NOT NULL DEFAULT 0, auto_resolve_paid_cases bigint NOT NULL DEFAULT 0 CHECK (auto_resolve_paid_cases IN (0, 1)), time_zone text NOT NULL DEFAULT 'UTC');

CREATE TABLE users (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    name            text NOT NULL,
    email           text NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin', 'biller', 'viewer')),
    created_at      text NOT NULL,
    UNIQUE (organization_id, email)
);

CREATE TABLE teams (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    name            text NOT NULL,
    created_at      text NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE team_members (
    team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE api_tokens (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    user_id         text NOT NULL REFERENCES users(id),
    token_sha256    text NOT NULL UNIQUE,
    created_at      text NOT NULL,
    last_used_at    text,
    revoked_at      text
);

CREATE TABLE subjects (
    organization_id text NOT NULL REFERENCES organizations(id),
    name            text NOT NULL,
    position        bigint NOT NULL,
    PRIMARY KEY (organization_id, name)
);

CREATE TABLE payers (
    id                 text PRIMARY KEY,
    organization_id    text NOT NULL REFERENCES organizations(id),
    name               text NOT NULL,
    payer_id           text,
    kind               text NOT NULL CHECK (kind IN ('commercial', 'medicare', 'medicaid', 'other')),
    timely_filing_days bigint,
    appeal_days        bigint,
    import_key         text,
    created_at         text NOT NULL,
    UNIQUE (organization_id, import_key)
);

CREATE TABLE patients (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    first_name      text NOT NULL,
    last_name       text NOT NULL,
    birth_date      text,
    member_id       text,
    import_key      text,
    created_at      text NOT NULL,
    UNIQUE (organization_id, import_key)
);

CREATE TABLE claims (
    id                    text PRIMARY KEY,
    organization_id       text NOT NULL REFERENCES organizations(id),
    claim_number          text NOT NULL,
    payer_id              text NOT NULL REFERENCES payers(id),
    patient_id            text REFERENCES patients(id),
    service_start         text,
    service_end           text,
    billed_cents          bigint NOT NULL,
    expected_cents        bigint NOT NULL,
    paid_cents            bigint NOT NULL DEFAULT 0,
    cost_share_cents      bigint NOT NULL DEFAULT 0,
    cost_share_paid_cents bigint NOT NULL DEFAULT 0,
    write_off_cents       bigint NOT NULL DEFAULT 0,
    -- Space-separated CARCs that make the claim a denial (see Denial in the domain); '' when not denied.
    denial_carcs          text NOT NULL DEFAULT '',
    created_at            text NOT NULL,
    updated_at            text NOT NULL, outstanding_cents bigint
    GENERATED ALWAYS AS (expected_cents - paid_cents - cost_share_cents - write_off_cents) STORED, cost_share_outstanding_cents bigint
    GENERATED ALWAYS AS (cost_share_cents - cost_share_paid_cents) STORED, denied_cents bigint NOT NULL DEFAULT 0, denial_category text, last_remitted_on text, appeal_deadline text, filing_deadline text, deadline text, first_submitted_on text,
    UNIQUE (organization_id, claim_number)
);

CREATE TABLE submissions (
    id                 text PRIMARY KEY,
    claim_id           text NOT NULL REFERENCES claims(id),
    sequence           bigint NOT NULL CHECK (sequence >= 1),
    frequency_code     text NOT NULL CHECK (frequency_code IN ('1', '7', '8')),
    submitted_on       text,
    payer_claim_number text,
    created_at         text NOT NULL,
    UNIQUE (claim_id, sequence)
);

CREATE TABLE remittance_payments (
    id                          text PRIMARY KEY,
    organization_id             text NOT NULL REFERENCES organizations(id),
    payer_id                    text NOT NULL REFERENCES payers(id),
    trace_number                text NOT NULL,
    fingerprint                 text NOT NULL,
    handling_code               text NOT NULL,
    credit_debit                text,
    payment_method              text,
    total_payment_cents         bigint NOT NULL,
    payment_date                text,
    production_date             text,
    payer_name                  text NOT NULL,
    payer_identifier            text,
    payee_name                  text,
    payee_identifier            text,
    version                     text,
    transaction_control_number  text NOT NULL,
    source_name                 text,
    -- The posting summary as first answered (JSON), returned again for a duplicate.
    summary                     text NOT NULL,
    posted_at                   text NOT NULL,
    posted_by                   text REFERENCES users(id),
    UNIQUE (organization_id, payer_id, fingerprint)
);

CREATE TABLE remittances (
    -- Insertion order, as SQLite's rowid gives it: remits of one claim list in this order.
    rowid                        bigint GENERATED BY DEFAULT AS IDENTITY UNIQUE,
    id                           text PRIMARY KEY,
    claim_id                     text NOT NULL REFERENCES claims(id),
    status_code                  text NOT NULL,
    paid_cents                   bigint NOT NULL,
    patient_responsibility_cents bigint NOT NULL,
    paid_on                      text,
    source_file                  text,
    -- Space-separated RARCs.
    remark_codes                 text NOT NULL DEFAULT ''
, payment_id text REFERENCES remittance_payments(id), position bigint, charge_cents bigint, payer_claim_number text, filing_indicator text, frequency_code text, statement_start text, statement_end text, seq bigint NOT NULL DEFAULT 0);

CREATE TABLE remittance_adjustments (
    remittance_id text NOT NULL REFERENCES remittances(id),
    position      bigint NOT NULL,
    group_code    text NOT NULL,
    carc          text NOT NULL,
    amount_cents  bigint NOT NULL,
    level         text NOT NULL CHECK (level IN ('claim', 'line')), line_number bigint,
    PRIMARY KEY (remittance_id, position)
);

CREATE TABLE cases (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    number          bigint NOT NULL,
    payer_id        text NOT NULL REFERENCES payers(id),
    patient_id      text REFERENCES patients(id),
    subject         text NOT NULL,
    description     text NOT NULL DEFAULT '',
    follow_up_by    text,
    priority        text NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
    owner_type      text CHECK (owner_type IN ('user', 'team')),
    owner_id        text,
    stage           text NOT NULL CHECK (stage IN ('new', 'in_progress', 'awaiting_payment')),
    status          text NOT NULL CHECK (status IN ('active', 'resolved', 'canceled')),
    resolution_note text,
    created_at      text NOT NULL,
    created_by      text NOT NULL REFERENCES users(id),
    updated_at      text NOT NULL,
    updated_by      text NOT NULL REFERENCES users(id),
    resolved_at     text,
    canceled_at     text,
    revision        bigint NOT NULL DEFAULT 1, opened_by_rule_id text, payment_received bigint NOT NULL DEFAULT 0 CHECK (payment_received IN (0, 1)), total_outstanding_cents bigint NOT NULL DEFAULT 0, total_cost_share_outstanding_cents bigint NOT NULL DEFAULT 0, deadline text, appeal_deadline text,
    UNIQUE (organization_id, number),
    CHECK ((owner_type IS NULL) = (owner_id IS NULL))
);

CREATE TABLE case_tags (
    case_id  text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    tag      text NOT NULL,
    PRIMARY KEY (case_id, tag)
);

CREATE TABLE case_carc_codes (
    case_id  text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    code     text NOT NULL,
    resolved bigint NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    PRIMARY KEY (case_id, code)
);

CREATE TABLE case_claims (
    case_id       text NOT NULL REFERENCES cases(id),
    claim_id      text NOT NULL REFERENCES claims(id),
    submission_id text REFERENCES submissions(id),
    active        bigint NOT NULL CHECK (active IN (0, 1)),
    linked_at     text NOT NULL,
    linked_by     text NOT NULL REFERENCES users(id),
    PRIMARY KEY (case_id, claim_id)
);

CREATE TABLE audit_events (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations(id),
    actor_id        text,
    entity_type     text NOT NULL,
    entity_id       text NOT NULL,
    action          text NOT NULL,
    -- JSON object: {"field": {"before": ..., "after": ...}} or a snapshot for creations.
    changes         text NOT NULL DEFAULT '{}',
    at              text NOT NULL
);

CREATE TABLE activities (
    -- Insertion order: the timeline's order, stable within one second.
    seq             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,
    organization_id text NOT NULL REFERENCES organizations(id),
    case_id         text NOT NULL REFERENCES cases(id),
    kind            text NOT NULL CHECK (kind IN ('note', 'email', 'phone_call', 'task', 'appointment', 'system')),
    subject         text NOT NULL,
    body            text NOT NULL DEFAULT '',
    -- email and phone_call
    direction       text CHECK (direction IN ('inbound', 'outbound')),
    -- email: draft|sent|received; task: open|completed|canceled; appointment: scheduled|completed|canceled
    state           text,
    -- task
    due_on          text,
    assignee_id     text REFERENCES users(id),
    -- appointment
    starts_at       text,
    ends_at         text,
    -- system: the event and its facts as a JSON object of strings
    event           text,
    facts           text,
    created_at      text NOT NULL,
    created_by      text NOT NULL REFERENCES users(id),
    updated_at      text NOT NULL,
    updated_by      text NOT NULL REFERENCES users(id), occurred_at text NOT NULL DEFAULT '',
    CHECK ((kind IN ('email', 'phone_call')) = (direction IS NOT NULL)),
    CHECK ((kind = 'system') = (event IS NOT NULL))
);

CREATE TABLE idempotency_keys (
    organization_id text NOT NULL REFERENCES organizations(id),
    user_id         text NOT NULL REFERENCES users(id),
    key             text NOT NULL,
    -- SHA-256 (hex) of method, target and body: the same key with another request is refused.
    fingerprint     text NOT NULL,
    status          bigint NOT NULL,
    -- JSON array of [name, value] pairs.
    headers         text NOT NULL,
    body            bytea NOT NULL,
    created_at      text NOT NULL, replayable bigint NOT NULL DEFAULT 1 CHECK (replayable IN (0, 1)),
    PRIMARY KEY (organization_id, user_id, key)
);

CREATE TABLE remittance_provider_adjustments (
    payment_id          text NOT NULL REFERENCES remittance_payments(id),
    position            bigint NOT NULL,
    provider_id         text NOT NULL,
    fiscal_period_date  text,
    reason              text NOT NULL,
    reference           text,
    amount_cents        bigint NOT NULL,
    PRIMARY KEY (payment_id, position)
);

CREATE TABLE remittance_imbalances (
    payment_id        text NOT NULL REFERENCES remittance_payments(id),
    position          bigint NOT NULL,
    level             text NOT NULL CHECK (level IN ('claim', 'line', 'payment')),
    claim_number      text,
    line_number       bigint,
    expected_cents    bigint NOT NULL,
    actual_cents      bigint NOT NULL,
    difference_cents  bigint NOT NULL,
    PRIMARY KEY (payment_id, position)
);

CREATE TABLE remittance_service_lines (
    remittance_id       text NOT NULL REFERENCES remittances(id),
    line_number         bigint NOT NULL,
    procedure_code      text NOT NULL,
    charge_cents        bigint NOT NULL,
    paid_cents          bigint NOT NULL,
    revenue_code        text,
    units               text,
    service_date        text,
    service_end_date    text,
    control_number      text,
    allowed_cents       bigint,
    -- Space-separated RARCs (LQ*HE).
    remark_codes        text NOT NULL DEFAULT '',
    PRIMARY KEY (remittance_id, line_number)
);

CREATE TABLE denial_categories (
    organization_id text NOT NULL REFERENCES organizations(id),
    carc_code       text NOT NULL,
    subject         text NOT NULL,
    updated_at      text NOT NULL,
    PRIMARY KEY (organization_id, carc_code)
);

CREATE TABLE work_rules (
    id                    text PRIMARY KEY,
    organization_id       text NOT NULL REFERENCES organizations(id),
    position              bigint NOT NULL,
    name                  text NOT NULL,
    payer_id              text REFERENCES payers(id),
    category              text,
    carc                  text,
    minimum_denied_cents  bigint,
    action                text NOT NULL CHECK (action IN ('open_case', 'add_to_payer_case', 'leave')),
    owner_type            text CHECK (owner_type IN ('user', 'team')),
    owner_id              text,
    priority              text NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
    follow_up_days        bigint,
    created_at            text NOT NULL,
    updated_at            text NOT NULL,
    CHECK ((owner_type IS NULL) = (owner_id IS NULL))
);

CREATE TABLE code_lists (
    kind        text PRIMARY KEY CHECK (kind IN ('carc', 'rarc')),
    source      text NOT NULL,
    list_date   text NOT NULL,
    imported_at text NOT NULL,
    code_count  bigint NOT NULL
);

CREATE TABLE codes (
    kind        text NOT NULL REFERENCES code_lists(kind),
    code        text NOT NULL,
    description text NOT NULL,
    starts_on   text,
    stops_on    text,
    PRIMARY KEY (kind, code)
);

CREATE TABLE case_rollup (
    organization_id   text NOT NULL,
    status            text NOT NULL,
    stage             text NOT NULL,
    subject           text NOT NULL,
    payer_id          text NOT NULL,
    owner_type        text NOT NULL,
    owner_id          text NOT NULL,
    cases             bigint NOT NULL,
    outstanding_cents bigint NOT NULL,
    PRIMARY KEY (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
);

CREATE TABLE case_carc_rollup (
    organization_id   text NOT NULL,
    status            text NOT NULL,
    stage             text NOT NULL,
    subject           text NOT NULL,
    payer_id          text NOT NULL,
    owner_type        text NOT NULL,
    owner_id          text NOT NULL,
    carc              text NOT NULL,
    cases             bigint NOT NULL,
    outstanding_cents bigint NOT NULL,
    PRIMARY KEY (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
);

CREATE TABLE claim_aging_rollup (
    organization_id   text NOT NULL,
    status            text NOT NULL,
    payer_id          text NOT NULL,
    start_day         text NOT NULL,
    claims            bigint NOT NULL,
    outstanding_cents bigint NOT NULL,
    PRIMARY KEY (organization_id, status, payer_id, start_day)
);

CREATE TABLE claim_aging_owner_rollup (
    organization_id   text NOT NULL,
    status            text NOT NULL,
    payer_id          text NOT NULL,
    owner_type        text NOT NULL,
    owner_id          text NOT NULL,
    start_day         text NOT NULL,
    claims            bigint NOT NULL,
    outstanding_cents bigint NOT NULL,
    PRIMARY KEY (organization_id, status, payer_id, owner_type, owner_id, start_day)
);

CREATE TABLE claim_aging_carc_rollup (
    organization_id   text NOT NULL,
    status            text NOT NULL,
    payer_id          text NOT NULL,
    carc              text NOT NULL,
    start_day         text NOT NULL,
    claims            bigint NOT NULL,
    outstanding_cents bigint NOT NULL,
    PRIMARY KEY (organization_id, status, carc, payer_id, start_day)
);

CREATE TABLE case_created_rollup (
    organization_id text NOT NULL,
    created_day     text NOT NULL,
    status          text NOT NULL,
    priority        text NOT NULL,
    payer_id        text NOT NULL,
    cases           bigint NOT NULL,
    PRIMARY KEY (organization_id, created_day, status, priority, payer_id)
);

CREATE TABLE case_appeal_rollup (
    organization_id text NOT NULL,
    appeal_deadline text NOT NULL,
    cases           bigint NOT NULL,
    PRIMARY KEY (organization_id, appeal_deadline)
);
