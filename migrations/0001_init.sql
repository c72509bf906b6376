-- Casework schema, version 1: tenants, people, payers, patients, claims, cases, audit.
-- Every row belongs to an organization; ids are opaque text; money is integer cents;
-- dates are ISO 8601 text (YYYY-MM-DD), instants RFC 3339 UTC text.

CREATE TABLE organizations (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    next_case_number INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'biller', 'viewer')),
    created_at      TEXT NOT NULL,
    UNIQUE (organization_id, email)
);

CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members(user_id);

-- Bearer tokens: only the SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    token_sha256    TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT,
    revoked_at      TEXT
);

CREATE TABLE subjects (
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (organization_id, name)
);

CREATE TABLE payers (
    id                 TEXT PRIMARY KEY,
    organization_id    TEXT NOT NULL REFERENCES organizations(id),
    name               TEXT NOT NULL,
    payer_id           TEXT,
    kind               TEXT NOT NULL CHECK (kind IN ('commercial', 'medicare', 'medicaid', 'other')),
    timely_filing_days INTEGER,
    appeal_days        INTEGER,
    import_key         TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (organization_id, import_key)
);
CREATE INDEX payers_by_name ON payers(organization_id, name);

-- PHI: never logged.
CREATE TABLE patients (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    birth_date      TEXT,
    member_id       TEXT,
    import_key      TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (organization_id, import_key)
);
CREATE INDEX patients_by_name ON patients(organization_id, last_name, first_name);

CREATE TABLE claims (
    id                    TEXT PRIMARY KEY,
    organization_id       TEXT NOT NULL REFERENCES organizations(id),
    claim_number          TEXT NOT NULL,
    payer_id              TEXT NOT NULL REFERENCES payers(id),
    patient_id            TEXT REFERENCES patients(id),
    service_start         TEXT,
    service_end           TEXT,
    billed_cents          INTEGER NOT NULL,
    expected_cents        INTEGER NOT NULL,
    paid_cents            INTEGER NOT NULL DEFAULT 0,
    cost_share_cents      INTEGER NOT NULL DEFAULT 0,
    cost_share_paid_cents INTEGER NOT NULL DEFAULT 0,
    write_off_cents       INTEGER NOT NULL DEFAULT 0,
    -- Space-separated CARCs that make the claim a denial (see Denial in the domain); '' when not denied.
    denial_carcs          TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (organization_id, claim_number)
);
CREATE INDEX claims_by_payer ON claims(organization_id, payer_id);
CREATE INDEX claims_by_patient ON claims(organization_id, patient_id);

CREATE TABLE submissions (
    id                 TEXT PRIMARY KEY,
    claim_id           TEXT NOT NULL REFERENCES claims(id),
    sequence           INTEGER NOT NULL CHECK (sequence >= 1),
    frequency_code     TEXT NOT NULL CHECK (frequency_code IN ('1', '7', '8')),
    submitted_on       TEXT,
    payer_claim_number TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (claim_id, sequence)
);

CREATE TABLE remittances (
    id                           TEXT PRIMARY KEY,
    claim_id                     TEXT NOT NULL REFERENCES claims(id),
    status_code                  TEXT NOT NULL,
    paid_cents                   INTEGER NOT NULL,
    patient_responsibility_cents INTEGER NOT NULL,
    paid_on                      TEXT,
    source_file                  TEXT,
    -- Space-separated RARCs.
    remark_codes                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX remittances_by_claim ON remittances(claim_id);

CREATE TABLE remittance_adjustments (
    remittance_id TEXT NOT NULL REFERENCES remittances(id),
    position      INTEGER NOT NULL,
    group_code    TEXT NOT NULL,
    carc          TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('claim', 'line')),
    PRIMARY KEY (remittance_id, position)
);

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    number          INTEGER NOT NULL,
    payer_id        TEXT NOT NULL REFERENCES payers(id),
    patient_id      TEXT REFERENCES patients(id),
    subject         TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    follow_up_by    TEXT,
    priority        TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
    owner_type      TEXT CHECK (owner_type IN ('user', 'team')),
    owner_id        TEXT,
    stage           TEXT NOT NULL CHECK (stage IN ('new', 'in_progress', 'awaiting_payment')),
    status          TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'canceled')),
    resolution_note TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users(id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users(id),
    resolved_at     TEXT,
    canceled_at     TEXT,
    revision        INTEGER NOT NULL DEFAULT 1,
    UNIQUE (organization_id, number),
    CHECK ((owner_type IS NULL) = (owner_id IS NULL))
);
CREATE INDEX cases_by_created ON cases(organization_id, created_at DESC, id DESC);
CREATE INDEX cases_by_status ON cases(organization_id, status, stage, created_at DESC, id DESC);
CREATE INDEX cases_by_owner ON cases(organization_id, owner_id, status);

CREATE TABLE case_tags (
    case_id  TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (case_id, tag)
);

CREATE TABLE case_carc_codes (
    case_id  TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    PRIMARY KEY (case_id, code)
);
CREATE INDEX case_carc_codes_by_code ON case_carc_codes(code);

-- A claim on a case. `active` mirrors the case's status so that rule 1 (one active case
-- per claim) is a partial unique index the database enforces under any concurrency.
CREATE TABLE case_claims (
    case_id       TEXT NOT NULL REFERENCES cases(id),
    claim_id      TEXT NOT NULL REFERENCES claims(id),
    submission_id TEXT REFERENCES submissions(id),
    active        INTEGER NOT NULL CHECK (active IN (0, 1)),
    linked_at     TEXT NOT NULL,
    linked_by     TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (case_id, claim_id)
);
CREATE UNIQUE INDEX one_active_case_per_claim ON case_claims(claim_id) WHERE active = 1;
CREATE INDEX case_claims_by_claim ON case_claims(claim_id);

-- Who changed what, when: one row per change, written in the change's transaction.
CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    actor_id        TEXT,
    entity_type     TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    action          TEXT NOT NULL,
    -- JSON object: {"field": {"before": ..., "after": ...}} or a snapshot for creations.
    changes         TEXT NOT NULL DEFAULT '{}',
    at              TEXT NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events(organization_id, entity_type, entity_id, id);
