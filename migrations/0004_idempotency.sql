-- Casework schema, version 4: stored answers to POSTs sent with an Idempotency-Key, so a retried
-- request gets the first answer instead of acting twice. Kept for 24 hours.

CREATE TABLE idempotency_keys (
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    key             TEXT NOT NULL,
    -- SHA-256 (hex) of method, target and body: the same key with another request is refused.
    fingerprint     TEXT NOT NULL,
    status          INTEGER NOT NULL,
    -- JSON array of [name, value] pairs.
    headers         TEXT NOT NULL,
    body            BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
