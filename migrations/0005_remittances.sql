-- Casework schema, version 5: X12 835 payments posted to claims (DESIGN §9), their detail,
-- denial categories, work rules, payer deadlines in use, and the organization's posting setting.

-- One payment (an 835 transaction set) as posted. (payer, fingerprint) makes a repeat a duplicate.
CREATE TABLE remittance_payments (
    id                          TEXT PRIMARY KEY,
    organization_id             TEXT NOT NULL REFERENCES organizations(id),
    payer_id                    TEXT NOT NULL REFERENCES payers(id),
    trace_number                TEXT NOT NULL,
    fingerprint                 TEXT NOT NULL,
    handling_code               TEXT NOT NULL,
    credit_debit                TEXT,
    payment_method              TEXT,
    total_payment_cents         INTEGER NOT NULL,
    payment_date                TEXT,
    production_date             TEXT,
    payer_name                  TEXT NOT NULL,
    payer_identifier            TEXT,
    payee_name                  TEXT,
    payee_identifier            TEXT,
    version                     TEXT,
    transaction_control_number  TEXT NOT NULL,
    source_name                 TEXT,
    -- The posting summary as first answered (JSON), returned again for a duplicate.
    summary                     TEXT NOT NULL,
    posted_at                   TEXT NOT NULL,
    posted_by                   TEXT REFERENCES users(id),
    UNIQUE (organization_id, payer_id, fingerprint)
);
-- Trace number first after the organization: the list filter and the posting's reuse check (which adds the payer).
CREATE INDEX remittance_payments_by_trace ON remittance_payments(organization_id, trace_number, payer_id);
CREATE INDEX remittance_payments_by_date ON remittance_payments(organization_id, payment_date, id);
CREATE INDEX remittance_payments_by_payer ON remittance_payments(organization_id, payer_id, id);

-- PLB: provider-level adjustments of a payment, one per (reason, amount) pair.
CREATE TABLE remittance_provider_adjustments (
    payment_id          TEXT NOT NULL REFERENCES remittance_payments(id),
    position            INTEGER NOT NULL,
    provider_id         TEXT NOT NULL,
    fiscal_period_date  TEXT,
    reason              TEXT NOT NULL,
    reference           TEXT,
    amount_cents        INTEGER NOT NULL,
    PRIMARY KEY (payment_id, position)
);

-- Balancing differences the reader found (DESIGN §9): the payment is posted, the imbalance kept.
CREATE TABLE remittance_imbalances (
    payment_id        TEXT NOT NULL REFERENCES remittance_payments(id),
    position          INTEGER NOT NULL,
    level             TEXT NOT NULL CHECK (level IN ('claim', 'line', 'payment')),
    claim_number      TEXT,
    line_number       INTEGER,
    expected_cents    INTEGER NOT NULL,
    actual_cents      INTEGER NOT NULL,
    difference_cents  INTEGER NOT NULL,
    PRIMARY KEY (payment_id, position)
);

-- A claim's remit (CLP loop) now knows its payment and the rest of its CLP.
ALTER TABLE remittances ADD COLUMN payment_id TEXT REFERENCES remittance_payments(id);
ALTER TABLE remittances ADD COLUMN position INTEGER;
ALTER TABLE remittances ADD COLUMN charge_cents INTEGER;
ALTER TABLE remittances ADD COLUMN payer_claim_number TEXT;
ALTER TABLE remittances ADD COLUMN filing_indicator TEXT;
ALTER TABLE remittances ADD COLUMN frequency_code TEXT;
ALTER TABLE remittances ADD COLUMN statement_start TEXT;
ALTER TABLE remittances ADD COLUMN statement_end TEXT;
-- Insertion order of a claim's remits: the newest is the one with the largest seq.
ALTER TABLE remittances ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX remittances_by_payment ON remittances(payment_id, position);

-- Line-level adjustments name their service line (1-based); NULL at claim level.
ALTER TABLE remittance_adjustments ADD COLUMN line_number INTEGER;

-- SVC loops of a remit.
CREATE TABLE remittance_service_lines (
    remittance_id       TEXT NOT NULL REFERENCES remittances(id),
    line_number         INTEGER NOT NULL,
    procedure_code      TEXT NOT NULL,
    charge_cents        INTEGER NOT NULL,
    paid_cents          INTEGER NOT NULL,
    revenue_code        TEXT,
    units               TEXT,
    service_date        TEXT,
    service_end_date    TEXT,
    control_number      TEXT,
    allowed_cents       INTEGER,
    -- Space-separated RARCs (LQ*HE).
    remark_codes        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (remittance_id, line_number)
);

-- What a claim's denial is worth and means, and when its newest remit was paid (appeal clock).
ALTER TABLE claims ADD COLUMN denied_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN denial_category TEXT;
ALTER TABLE claims ADD COLUMN last_remitted_on TEXT;

-- Per-organization CARC → subject overrides; codes without a row use the seed (DenialCategories.seed).
CREATE TABLE denial_categories (
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    carc_code       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (organization_id, carc_code)
);

-- Ordered work rules: the first match decides what a posted denial does.
CREATE TABLE work_rules (
    id                    TEXT PRIMARY KEY,
    organization_id       TEXT NOT NULL REFERENCES organizations(id),
    position              INTEGER NOT NULL,
    name                  TEXT NOT NULL,
    payer_id              TEXT REFERENCES payers(id),
    category              TEXT,
    carc                  TEXT,
    minimum_denied_cents  INTEGER,
    action                TEXT NOT NULL CHECK (action IN ('open_case', 'add_to_payer_case', 'leave')),
    owner_type            TEXT CHECK (owner_type IN ('user', 'team')),
    owner_id              TEXT,
    priority              TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high')),
    follow_up_days        INTEGER,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((owner_type IS NULL) = (owner_id IS NULL))
);
CREATE INDEX work_rules_by_position ON work_rules(organization_id, position, id);

-- Cases a rule opened (bulk grouping finds them) and cases whose claims a payment paid.
ALTER TABLE cases ADD COLUMN opened_by_rule_id TEXT;
ALTER TABLE cases ADD COLUMN payment_received INTEGER NOT NULL DEFAULT 0 CHECK (payment_received IN (0, 1));
CREATE INDEX cases_by_rule ON cases(organization_id, payer_id, opened_by_rule_id, subject, status);

-- Organization setting: resolve an awaiting-payment case once a payment leaves nothing outstanding.
ALTER TABLE organizations ADD COLUMN auto_resolve_paid_cases INTEGER NOT NULL DEFAULT 0 CHECK (auto_resolve_paid_cases IN (0, 1));

