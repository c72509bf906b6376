-- The PostgreSQL schema: the SQLite schema of migrations/0001-0022 as it stands after 0022, in
-- PostgreSQL's words. Same tables, columns (text dates, bigint cents and 0/1 flags, so storage's
-- SQL is shared), indexes, views and triggers; trigger bodies are PL/pgSQL functions run for each
-- row. Differences: AUTOINCREMENT is an identity column; remittances get an explicit `rowid`
-- (insertion order, which SQLite gives implicitly); generated columns are STORED; a `WHEN` that
-- reads other rows becomes an IF inside the function; `IS` / `IS NOT` between values are
-- `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`; date arithmetic uses `date + integer`.
-- Rule 1 is the same partial unique index: one_active_case_per_claim.

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

CREATE INDEX team_members_by_user ON team_members(user_id);

CREATE INDEX payers_by_name ON payers(organization_id, name);

CREATE INDEX patients_by_name ON patients(organization_id, last_name, first_name);

CREATE INDEX claims_by_payer ON claims(organization_id, payer_id);

CREATE INDEX claims_by_patient ON claims(organization_id, patient_id);

CREATE INDEX remittances_by_claim ON remittances(claim_id);

CREATE INDEX cases_by_status ON cases(organization_id, status, stage, created_at DESC, id DESC);

CREATE INDEX case_carc_codes_by_code ON case_carc_codes(code);

CREATE UNIQUE INDEX one_active_case_per_claim ON case_claims(claim_id) WHERE active = 1;

CREATE INDEX case_claims_by_claim ON case_claims(claim_id);

CREATE INDEX audit_events_by_entity ON audit_events(organization_id, entity_type, entity_id, id);

CREATE INDEX activities_by_case ON activities(case_id, seq);

CREATE INDEX activities_open_work ON activities(organization_id, kind, state, due_on);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);

CREATE INDEX remittance_payments_by_trace ON remittance_payments(organization_id, trace_number, payer_id);

CREATE INDEX remittance_payments_by_date ON remittance_payments(organization_id, payment_date, id);

CREATE INDEX remittance_payments_by_payer ON remittance_payments(organization_id, payer_id, id);

CREATE INDEX remittances_by_payment ON remittances(payment_id, position);

CREATE INDEX work_rules_by_position ON work_rules(organization_id, position, id);

CREATE INDEX cases_by_rule ON cases(organization_id, payer_id, opened_by_rule_id, subject, status);

CREATE INDEX activities_by_case_time ON activities(case_id, occurred_at, seq);

CREATE INDEX cases_by_outstanding
    ON cases(organization_id, status, lpad((100000000000000000 + total_outstanding_cents)::text, 20, '0'), id);

CREATE INDEX cases_by_deadline ON cases(organization_id, status, COALESCE(deadline, '9999-12-31'), id);

CREATE INDEX cases_by_appeal_deadline ON cases(organization_id, status, appeal_deadline) WHERE appeal_deadline IS NOT NULL;

CREATE INDEX claims_figures ON claims(id, outstanding_cents, expected_cents, paid_cents, cost_share_cents, write_off_cents,
                                      cost_share_paid_cents, deadline, appeal_deadline, first_submitted_on, service_start);

CREATE INDEX cases_by_created ON cases(organization_id, created_at DESC, id DESC, status, priority, payer_id, follow_up_by);

CREATE INDEX cases_by_owner ON cases(organization_id, owner_id, status, resolved_at);

CREATE INDEX cases_active_by_follow_up ON cases(organization_id, COALESCE(follow_up_by, '9999-12-31'), created_at, id)
    WHERE status = 'active';

CREATE INDEX activities_by_person ON activities(organization_id, kind, state, assignee_id, created_by,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE state IS NOT NULL;

CREATE INDEX activities_by_assignee ON activities(organization_id, kind, state, assignee_id,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE assignee_id IS NOT NULL;

CREATE VIEW claim_deadlines AS
SELECT claim_id, appeal_deadline, filing_deadline,
       CASE WHEN denied THEN appeal_deadline WHEN unremitted THEN filing_deadline END AS deadline
FROM (SELECT cl.id AS claim_id,
             (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AS denied,
             (cl.last_remitted_on IS NULL AND NOT EXISTS (SELECT 1 FROM remittances r WHERE r.claim_id = cl.id)) AS unremitted,
             CASE WHEN (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AND cl.last_remitted_on IS NOT NULL
                       AND py.appeal_days IS NOT NULL
                  THEN to_char(cl.last_remitted_on::date + py.appeal_days::integer, 'YYYY-MM-DD') END AS appeal_deadline,
             CASE WHEN cl.service_start IS NOT NULL AND py.timely_filing_days IS NOT NULL
                  THEN to_char(cl.service_start::date + py.timely_filing_days::integer, 'YYYY-MM-DD') END AS filing_deadline
      FROM claims cl JOIN payers py ON py.id = cl.payer_id) AS facts;

CREATE VIEW case_carcs_or_none AS
SELECT c.id AS case_id, COALESCE(k.code, '') AS carc FROM cases c LEFT JOIN case_carc_codes k ON k.case_id = c.id;

CREATE FUNCTION cases_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_moves_data_version AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_moves_data_version();

CREATE FUNCTION cases_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_moves_data_version AFTER UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_moves_data_version();

CREATE FUNCTION cases_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_moves_data_version AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_moves_data_version();

CREATE FUNCTION activities_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER activities_insert_moves_data_version AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION activities_insert_moves_data_version();

CREATE FUNCTION activities_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER activities_update_moves_data_version AFTER UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION activities_update_moves_data_version();

CREATE FUNCTION activities_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER activities_delete_moves_data_version AFTER DELETE ON activities FOR EACH ROW EXECUTE FUNCTION activities_delete_moves_data_version();

CREATE FUNCTION claims_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_insert_moves_data_version AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claims_insert_moves_data_version();

CREATE FUNCTION claims_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_moves_data_version AFTER UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_moves_data_version();

CREATE FUNCTION claims_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_delete_moves_data_version AFTER DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claims_delete_moves_data_version();

CREATE FUNCTION payers_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER payers_insert_moves_data_version AFTER INSERT ON payers FOR EACH ROW EXECUTE FUNCTION payers_insert_moves_data_version();

CREATE FUNCTION payers_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER payers_update_moves_data_version AFTER UPDATE ON payers FOR EACH ROW EXECUTE FUNCTION payers_update_moves_data_version();

CREATE FUNCTION payers_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER payers_delete_moves_data_version AFTER DELETE ON payers FOR EACH ROW EXECUTE FUNCTION payers_delete_moves_data_version();

CREATE FUNCTION patients_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER patients_insert_moves_data_version AFTER INSERT ON patients FOR EACH ROW EXECUTE FUNCTION patients_insert_moves_data_version();

CREATE FUNCTION patients_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER patients_update_moves_data_version AFTER UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION patients_update_moves_data_version();

CREATE FUNCTION patients_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER patients_delete_moves_data_version AFTER DELETE ON patients FOR EACH ROW EXECUTE FUNCTION patients_delete_moves_data_version();

CREATE FUNCTION users_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_insert_moves_data_version AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION users_insert_moves_data_version();

CREATE FUNCTION users_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_update_moves_data_version AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_update_moves_data_version();

CREATE FUNCTION users_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_delete_moves_data_version AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_delete_moves_data_version();

CREATE FUNCTION teams_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER teams_insert_moves_data_version AFTER INSERT ON teams FOR EACH ROW EXECUTE FUNCTION teams_insert_moves_data_version();

CREATE FUNCTION teams_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER teams_update_moves_data_version AFTER UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION teams_update_moves_data_version();

CREATE FUNCTION teams_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER teams_delete_moves_data_version AFTER DELETE ON teams FOR EACH ROW EXECUTE FUNCTION teams_delete_moves_data_version();

CREATE FUNCTION subjects_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER subjects_insert_moves_data_version AFTER INSERT ON subjects FOR EACH ROW EXECUTE FUNCTION subjects_insert_moves_data_version();

CREATE FUNCTION subjects_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = NEW.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER subjects_update_moves_data_version AFTER UPDATE ON subjects FOR EACH ROW EXECUTE FUNCTION subjects_update_moves_data_version();

CREATE FUNCTION subjects_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1 WHERE id = OLD.organization_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER subjects_delete_moves_data_version AFTER DELETE ON subjects FOR EACH ROW EXECUTE FUNCTION subjects_delete_moves_data_version();

CREATE FUNCTION case_claims_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_moves_data_version AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_moves_data_version();

CREATE FUNCTION case_claims_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_update_moves_data_version AFTER UPDATE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_update_moves_data_version();

CREATE FUNCTION case_claims_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_moves_data_version AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_moves_data_version();

CREATE FUNCTION case_tags_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_tags_insert_moves_data_version AFTER INSERT ON case_tags FOR EACH ROW EXECUTE FUNCTION case_tags_insert_moves_data_version();

CREATE FUNCTION case_tags_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_tags_update_moves_data_version AFTER UPDATE ON case_tags FOR EACH ROW EXECUTE FUNCTION case_tags_update_moves_data_version();

CREATE FUNCTION case_tags_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_tags_delete_moves_data_version AFTER DELETE ON case_tags FOR EACH ROW EXECUTE FUNCTION case_tags_delete_moves_data_version();

CREATE FUNCTION case_carc_codes_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_insert_moves_data_version AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_insert_moves_data_version();

CREATE FUNCTION case_carc_codes_update_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_update_moves_data_version AFTER UPDATE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_update_moves_data_version();

CREATE FUNCTION case_carc_codes_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM cases WHERE id = OLD.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_delete_moves_data_version AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_delete_moves_data_version();

CREATE FUNCTION team_members_insert_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM teams WHERE id = NEW.team_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER team_members_insert_moves_data_version AFTER INSERT ON team_members FOR EACH ROW EXECUTE FUNCTION team_members_insert_moves_data_version();

CREATE FUNCTION team_members_delete_moves_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations SET data_version = data_version + 1
        WHERE id = (SELECT organization_id FROM teams WHERE id = OLD.team_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER team_members_delete_moves_data_version AFTER DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION team_members_delete_moves_data_version();

CREATE FUNCTION remittances_insert_sets_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT deadline FROM claims WHERE id = NEW.claim_id) IS NOT NULL AND (SELECT last_remitted_on FROM claims WHERE id = NEW.claim_id) IS NULL THEN
        UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
                (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.claim_id)
            WHERE id = NEW.claim_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER remittances_insert_sets_deadlines AFTER INSERT ON remittances FOR EACH ROW EXECUTE FUNCTION remittances_insert_sets_deadlines();

CREATE FUNCTION payers_update_sets_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.appeal_days IS DISTINCT FROM OLD.appeal_days OR NEW.timely_filing_days IS DISTINCT FROM OLD.timely_filing_days THEN
        UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
                (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = claims.id)
            WHERE payer_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER payers_update_sets_deadlines AFTER UPDATE OF appeal_days, timely_filing_days ON payers FOR EACH ROW EXECUTE FUNCTION payers_update_sets_deadlines();

CREATE FUNCTION case_claims_follow_case_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IS DISTINCT FROM NEW.status THEN
        UPDATE case_claims SET active = (NEW.status = 'active')::integer WHERE case_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_follow_case_status AFTER UPDATE OF status ON cases FOR EACH ROW EXECUTE FUNCTION case_claims_follow_case_status();

CREATE FUNCTION case_claims_insert_matches_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.active IS DISTINCT FROM (SELECT (status = 'active')::integer FROM cases WHERE id = NEW.case_id) THEN
        RAISE EXCEPTION 'case_claims.active must equal whether the case is active';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER case_claims_insert_matches_case BEFORE INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_matches_case();

CREATE FUNCTION case_claims_update_matches_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.active IS DISTINCT FROM (SELECT (status = 'active')::integer FROM cases WHERE id = NEW.case_id) THEN
        RAISE EXCEPTION 'case_claims.active must equal whether the case is active';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER case_claims_update_matches_case BEFORE UPDATE OF active ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_update_matches_case();

CREATE FUNCTION claims_insert_sets_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.appeal_deadline IS NOT NULL OR NEW.filing_deadline IS NOT NULL OR NEW.deadline IS NOT NULL OR (SELECT appeal_days IS NOT NULL OR timely_filing_days IS NOT NULL FROM payers WHERE id = NEW.payer_id) THEN
        UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
                (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
            WHERE id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_insert_sets_deadlines AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claims_insert_sets_deadlines();

CREATE FUNCTION claims_update_sets_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.denial_carcs IS DISTINCT FROM OLD.denial_carcs OR NEW.denial_category IS DISTINCT FROM OLD.denial_category OR NEW.last_remitted_on IS DISTINCT FROM OLD.last_remitted_on OR NEW.service_start IS DISTINCT FROM OLD.service_start OR NEW.payer_id IS DISTINCT FROM OLD.payer_id) AND (NEW.appeal_deadline IS NOT NULL OR NEW.filing_deadline IS NOT NULL OR NEW.deadline IS NOT NULL OR (SELECT appeal_days IS NOT NULL OR timely_filing_days IS NOT NULL FROM payers WHERE id = NEW.payer_id)) THEN
        UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
                (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
            WHERE id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_sets_deadlines AFTER UPDATE OF denial_carcs, denial_category, last_remitted_on, service_start, payer_id ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_sets_deadlines();

CREATE FUNCTION case_claims_insert_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
            (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
             FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = NEW.case_id)
        WHERE id = NEW.case_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_sets_case_totals AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_sets_case_totals();

CREATE FUNCTION case_claims_delete_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
            (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
             FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = OLD.case_id)
        WHERE id = OLD.case_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_sets_case_totals AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_sets_case_totals();

CREATE FUNCTION claims_update_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.expected_cents IS DISTINCT FROM OLD.expected_cents OR NEW.paid_cents IS DISTINCT FROM OLD.paid_cents OR NEW.cost_share_cents IS DISTINCT FROM OLD.cost_share_cents OR NEW.write_off_cents IS DISTINCT FROM OLD.write_off_cents OR NEW.cost_share_paid_cents IS DISTINCT FROM OLD.cost_share_paid_cents OR NEW.deadline IS DISTINCT FROM OLD.deadline OR NEW.appeal_deadline IS DISTINCT FROM OLD.appeal_deadline) AND EXISTS (SELECT 1 FROM case_claims WHERE claim_id = NEW.id) THEN
        UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
                (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                        MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                        MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
                 FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = cases.id)
            WHERE id IN (SELECT case_id FROM case_claims WHERE claim_id = NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_sets_case_totals AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, cost_share_paid_cents, deadline, appeal_deadline ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_sets_case_totals();

CREATE FUNCTION submissions_insert_sets_first_submitted_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.submitted_on IS NOT NULL THEN
        UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = NEW.claim_id)
            WHERE id = NEW.claim_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER submissions_insert_sets_first_submitted_on AFTER INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_insert_sets_first_submitted_on();

CREATE FUNCTION submissions_update_sets_first_submitted_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.submitted_on IS DISTINCT FROM OLD.submitted_on OR NEW.claim_id IS DISTINCT FROM OLD.claim_id THEN
        UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = claims.id)
            WHERE id IN (OLD.claim_id, NEW.claim_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER submissions_update_sets_first_submitted_on AFTER UPDATE OF submitted_on, claim_id ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_update_sets_first_submitted_on();

CREATE FUNCTION submissions_delete_sets_first_submitted_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.submitted_on IS NOT NULL THEN
        UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = OLD.claim_id)
            WHERE id = OLD.claim_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER submissions_delete_sets_first_submitted_on AFTER DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_delete_sets_first_submitted_on();

CREATE FUNCTION cases_insert_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_rollup
        VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
        ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_rollup.cases + 1, outstanding_cents = case_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
               COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
        FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
              UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) AS k WHERE true) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_rolls_up AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_rolls_up();

CREATE FUNCTION cases_update_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.subject IS DISTINCT FROM NEW.subject OR OLD.payer_id IS DISTINCT FROM NEW.payer_id OR OLD.owner_type IS DISTINCT FROM NEW.owner_type OR OLD.owner_id IS DISTINCT FROM NEW.owner_id THEN
        UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
              AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
            INSERT INTO case_rollup
            VALUES (NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                    COALESCE(NEW.owner_id, ''), 1, NEW.total_outstanding_cents)
            ON CONFLICT (organization_id, status, stage, subject, payer_id, owner_type, owner_id)
            DO UPDATE SET cases = case_rollup.cases + 1, outstanding_cents = case_rollup.outstanding_cents + excluded.outstanding_cents;
            UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
              AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
              AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                           UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
            INSERT INTO case_carc_rollup
            SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
            FROM (SELECT NEW.organization_id, NEW.status, NEW.stage, NEW.subject, NEW.payer_id, COALESCE(NEW.owner_type, ''),
                   COALESCE(NEW.owner_id, ''), code, 1, NEW.total_outstanding_cents
            FROM (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
                  UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id)) AS k WHERE true) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
            GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
            ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
            DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_rolls_up AFTER UPDATE OF organization_id, status, stage, subject, payer_id, owner_type, owner_id, total_outstanding_cents ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_rolls_up();

CREATE FUNCTION cases_outstanding_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.total_outstanding_cents IS DISTINCT FROM NEW.total_outstanding_cents AND OLD.organization_id IS NOT DISTINCT FROM NEW.organization_id AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.stage IS NOT DISTINCT FROM NEW.stage AND OLD.subject IS NOT DISTINCT FROM NEW.subject AND OLD.payer_id IS NOT DISTINCT FROM NEW.payer_id AND OLD.owner_type IS NOT DISTINCT FROM NEW.owner_type AND OLD.owner_id IS NOT DISTINCT FROM NEW.owner_id THEN
        UPDATE case_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
              AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '');
            UPDATE case_carc_rollup SET outstanding_cents = outstanding_cents + NEW.total_outstanding_cents - OLD.total_outstanding_cents
            WHERE organization_id = NEW.organization_id AND status = NEW.status AND stage = NEW.stage AND subject = NEW.subject
              AND payer_id = NEW.payer_id AND owner_type = COALESCE(NEW.owner_type, '') AND owner_id = COALESCE(NEW.owner_id, '')
              AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = NEW.id
                           UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_outstanding_rolls_up AFTER UPDATE OF total_outstanding_cents ON cases FOR EACH ROW EXECUTE FUNCTION cases_outstanding_rolls_up();

CREATE FUNCTION cases_delete_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
        WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
          AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '');
        UPDATE case_carc_rollup SET cases = cases - 1, outstanding_cents = outstanding_cents - OLD.total_outstanding_cents
        WHERE organization_id = OLD.organization_id AND status = OLD.status AND stage = OLD.stage AND subject = OLD.subject
          AND payer_id = OLD.payer_id AND owner_type = COALESCE(OLD.owner_type, '') AND owner_id = COALESCE(OLD.owner_id, '')
          AND carc IN (SELECT code FROM case_carc_codes WHERE case_id = OLD.id
                       UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_rolls_up AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_rolls_up();

CREATE FUNCTION case_carc_codes_insert_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
               outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = NEW.case_id)
        WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
              (SELECT organization_id, '', status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
               FROM cases WHERE id = NEW.case_id)
          AND (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1;
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), NEW.code, 1,
               total_outstanding_cents
        FROM cases WHERE id = NEW.case_id) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_insert_rolls_up AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_insert_rolls_up();

CREATE FUNCTION case_carc_codes_delete_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_carc_rollup SET cases = cases - 1,
               outstanding_cents = outstanding_cents - (SELECT total_outstanding_cents FROM cases WHERE id = OLD.case_id)
        WHERE (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id) =
              (SELECT organization_id, OLD.code, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, '')
               FROM cases WHERE id = OLD.case_id);
        INSERT INTO case_carc_rollup
        SELECT organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, SUM(cases), SUM(outstanding_cents)
        FROM (SELECT organization_id, status, stage, subject, payer_id, COALESCE(owner_type, ''), COALESCE(owner_id, ''), '', 1,
               total_outstanding_cents
        FROM cases WHERE id = OLD.case_id AND NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)) AS each_row (organization_id, status, stage, subject, payer_id, owner_type, owner_id, carc, cases, outstanding_cents)
        GROUP BY organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id
        ON CONFLICT (organization_id, carc, status, stage, subject, payer_id, owner_type, owner_id)
        DO UPDATE SET cases = case_carc_rollup.cases + 1, outstanding_cents = case_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_delete_rolls_up AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_delete_rolls_up();

CREATE FUNCTION case_carc_codes_update_rolls_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.code IS DISTINCT FROM NEW.code OR OLD.case_id IS DISTINCT FROM NEW.case_id THEN
        RAISE EXCEPTION 'a case''s CARC rows are replaced (deleted and inserted), never updated in place';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_update_rolls_up AFTER UPDATE OF code, case_id ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_update_rolls_up();

CREATE FUNCTION case_claims_insert_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_rollup
        SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, start_day
        ON CONFLICT (organization_id, status, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_ages AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_ages();

CREATE FUNCTION case_claims_delete_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_rollup
        SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, start_day
        ON CONFLICT (organization_id, status, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_ages AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_ages();

CREATE FUNCTION claims_update_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) IS DISTINCT FROM (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS DISTINCT FROM COALESCE(OLD.first_submitted_on, OLD.service_start, '') THEN
        INSERT INTO claim_aging_rollup
            SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, start_day
            ON CONFLICT (organization_id, status, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_ages AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_ages();

CREATE FUNCTION cases_update_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id THEN
        INSERT INTO claim_aging_rollup
            SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
            WHERE l.case_id = NEW.id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, start_day
            ON CONFLICT (organization_id, status, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_ages AFTER UPDATE OF organization_id, status, payer_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_ages();

CREATE FUNCTION case_claims_insert_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_owner_rollup
        SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
               COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
        ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
        DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_ages_by_owner_and_carc AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_ages_by_owner_and_carc();

CREATE FUNCTION case_claims_delete_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_owner_rollup
        SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
               COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
        ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
        DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_ages_by_owner_and_carc AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_ages_by_owner_and_carc();

CREATE FUNCTION claims_update_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) IS DISTINCT FROM (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS DISTINCT FROM COALESCE(OLD.first_submitted_on, OLD.service_start, '') THEN
        INSERT INTO claim_aging_owner_rollup
            SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''), day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
            ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
            DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
            INSERT INTO claim_aging_carc_rollup
            SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN case_carcs_or_none k ON k.case_id = c.id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, carc, payer_id, start_day
            ON CONFLICT (organization_id, status, carc, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_ages_by_owner_and_carc AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_ages_by_owner_and_carc();

CREATE FUNCTION cases_update_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id OR OLD.owner_type IS DISTINCT FROM NEW.owner_type OR OLD.owner_id IS DISTINCT FROM NEW.owner_id THEN
        INSERT INTO claim_aging_owner_rollup
            SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, side.owner_type, side.owner_id,
                   COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id,
                         COALESCE(OLD.owner_type, '') AS owner_type, COALESCE(OLD.owner_id, '') AS owner_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, COALESCE(NEW.owner_type, ''), COALESCE(NEW.owner_id, ''), 1)
                 AS side
            WHERE l.case_id = NEW.id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
            ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
            DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
            INSERT INTO claim_aging_carc_rollup
            SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id JOIN case_carcs_or_none k ON k.case_id = l.case_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
            WHERE l.case_id = NEW.id
              AND (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id)) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, carc, payer_id, start_day
            ON CONFLICT (organization_id, status, carc, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_ages_by_owner_and_carc AFTER UPDATE OF organization_id, status, payer_id, owner_type, owner_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_ages_by_owner_and_carc();

CREATE FUNCTION case_carc_codes_insert_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
               side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
             (SELECT NEW.code AS carc, 1 AS n
              UNION ALL SELECT '', -1 WHERE (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1) AS side
        WHERE c.id = NEW.case_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_insert_ages AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_insert_ages();

CREATE FUNCTION case_carc_codes_delete_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
               side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
             (SELECT OLD.code AS carc, -1 AS n
              UNION ALL SELECT '', 1 WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)) AS side
        WHERE c.id = OLD.case_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_delete_ages AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_delete_ages();

CREATE FUNCTION cases_insert_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_created_rollup
        VALUES (NEW.organization_id, substr(NEW.created_at, 1, 10), NEW.status, NEW.priority, NEW.payer_id, 1)
        ON CONFLICT (organization_id, created_day, status, priority, payer_id) DO UPDATE SET cases = case_created_rollup.cases + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_counts_created_day AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_counts_created_day();

CREATE FUNCTION cases_update_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.payer_id IS DISTINCT FROM NEW.payer_id THEN
        UPDATE case_created_rollup SET cases = cases - 1
            WHERE organization_id = OLD.organization_id AND created_day = substr(OLD.created_at, 1, 10) AND status = OLD.status
              AND priority = OLD.priority AND payer_id = OLD.payer_id;
            INSERT INTO case_created_rollup
            VALUES (NEW.organization_id, substr(NEW.created_at, 1, 10), NEW.status, NEW.priority, NEW.payer_id, 1)
            ON CONFLICT (organization_id, created_day, status, priority, payer_id) DO UPDATE SET cases = case_created_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_counts_created_day AFTER UPDATE OF organization_id, created_at, status, priority, payer_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_counts_created_day();

CREATE FUNCTION cases_delete_counts_created_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_created_rollup SET cases = cases - 1
        WHERE organization_id = OLD.organization_id AND created_day = substr(OLD.created_at, 1, 10) AND status = OLD.status
          AND priority = OLD.priority AND payer_id = OLD.payer_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_counts_created_day AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_counts_created_day();

CREATE FUNCTION cases_insert_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL THEN
        INSERT INTO case_appeal_rollup VALUES (NEW.organization_id, NEW.appeal_deadline, 1)
            ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = case_appeal_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_insert_counts_appeal_day AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_insert_counts_appeal_day();

CREATE FUNCTION cases_update_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL) OR (NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL) THEN
        UPDATE case_appeal_rollup SET cases = cases - 1
            WHERE OLD.status = 'active' AND organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
            INSERT INTO case_appeal_rollup
            SELECT organization_id, appeal_deadline, SUM(cases)
            FROM (SELECT NEW.organization_id, NEW.appeal_deadline, 1 WHERE NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL) AS each_row (organization_id, appeal_deadline, cases)
            GROUP BY organization_id, appeal_deadline
            ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = case_appeal_rollup.cases + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_counts_appeal_day AFTER UPDATE OF organization_id, status, appeal_deadline ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_counts_appeal_day();

CREATE FUNCTION cases_delete_counts_appeal_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL THEN
        UPDATE case_appeal_rollup SET cases = cases - 1
            WHERE organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_delete_counts_appeal_day AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_delete_counts_appeal_day();
