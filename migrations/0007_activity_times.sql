-- Casework schema, version 7: when things happened, and in which time zone an organization works.
--
-- - activities.occurred_at: when a call or e-mail happened (logged afterwards, never in the future);
--   for every other entry it is when the entry was logged. The timeline is ordered by it.
-- - organizations.time_zone: the IANA name whose calendar day decides what is overdue.

ALTER TABLE activities ADD COLUMN occurred_at TEXT NOT NULL DEFAULT '';
UPDATE activities SET occurred_at = created_at;
CREATE INDEX activities_by_case_time ON activities(case_id, occurred_at, seq);

ALTER TABLE organizations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
