-- Casework schema, version 2: the case timeline (notes, e-mails, phone calls, tasks,
-- appointments and system events) and the outstanding balance of a claim as a column.

CREATE TABLE activities (
    -- Insertion order: the timeline's order, stable within one second.
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    case_id         TEXT NOT NULL REFERENCES cases(id),
    kind            TEXT NOT NULL CHECK (kind IN ('note', 'email', 'phone_call', 'task', 'appointment', 'system')),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    -- email and phone_call
    direction       TEXT CHECK (direction IN ('inbound', 'outbound')),
    -- email: draft|sent|received; task: open|completed|canceled; appointment: scheduled|completed|canceled
    state           TEXT,
    -- task
    due_on          TEXT,
    assignee_id     TEXT REFERENCES users(id),
    -- appointment
    starts_at       TEXT,
    ends_at         TEXT,
    -- system: the event and its facts as a JSON object of strings
    event           TEXT,
    facts           TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users(id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users(id),
    CHECK ((kind IN ('email', 'phone_call')) = (direction IS NOT NULL)),
    CHECK ((kind = 'system') = (event IS NOT NULL))
);
CREATE INDEX activities_by_case ON activities(case_id, seq);
CREATE INDEX activities_open_work ON activities(organization_id, kind, state, due_on);

-- What remains to collect from the payer: expected − paid − cost share − write-off (DESIGN §1).
ALTER TABLE claims ADD COLUMN outstanding_cents INTEGER
    GENERATED ALWAYS AS (expected_cents - paid_cents - cost_share_cents - write_off_cents) VIRTUAL;
ALTER TABLE claims ADD COLUMN cost_share_outstanding_cents INTEGER
    GENERATED ALWAYS AS (cost_share_cents - cost_share_paid_cents) VIRTUAL;
