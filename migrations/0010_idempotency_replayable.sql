-- Casework schema, version 10: an Idempotency-Key answered with a streamed body (a large 835
-- posting's summaries) keeps its request's fingerprint but no body: the same key with another
-- request is still refused, and a retry of the same request acts again (posting a file twice
-- posts it once) instead of replaying.

ALTER TABLE idempotency_keys ADD COLUMN replayable INTEGER NOT NULL DEFAULT 1 CHECK (replayable IN (0, 1));
