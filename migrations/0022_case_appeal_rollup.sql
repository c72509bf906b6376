-- Casework schema, version 22: "appeals due" (active cases whose earliest appeal deadline is past,
-- within 7 days, within 30 days; Case Insights and Tier 1) is summed from a rollup by deadline day
-- instead of counted over the active cases. At 1,000,000 claims (133,000 active cases) the three
-- index-range counts took 8-17 ms, most of it the past-due range, which only grows with time.
--
-- case_appeal_rollup: per organization and appeal deadline (a day), the number of active cases with
-- that deadline. The three figures are sums over its rows: as many as the deadline days in use, not
-- the cases. Case Insights with a filter (payer, subject, owner, CARC, creation days) still counts
-- the cases it selects. A day whose cases all moved away keeps a row with zero cases; readers sum
-- it as nothing. Triggers change it in the statement that inserts, changes (organization, status or
-- deadline) or deletes a case; `casework check-aggregates` compares it with a full recomputation.

CREATE TABLE case_appeal_rollup (
    organization_id TEXT NOT NULL,
    appeal_deadline TEXT NOT NULL,
    cases           INTEGER NOT NULL,
    PRIMARY KEY (organization_id, appeal_deadline)
) WITHOUT ROWID;

INSERT INTO case_appeal_rollup
SELECT organization_id, appeal_deadline, COUNT(*) FROM cases
WHERE status = 'active' AND appeal_deadline IS NOT NULL GROUP BY 1, 2;

CREATE TRIGGER cases_insert_counts_appeal_day AFTER INSERT ON cases
WHEN NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL
BEGIN
    INSERT INTO case_appeal_rollup VALUES (NEW.organization_id, NEW.appeal_deadline, 1)
    ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = cases + 1;
END;

-- A case leaves its old day if it counted there, and joins its new day if it counts there.
CREATE TRIGGER cases_update_counts_appeal_day
AFTER UPDATE OF organization_id, status, appeal_deadline ON cases
WHEN (OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL) OR (NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL)
BEGIN
    UPDATE case_appeal_rollup SET cases = cases - 1
    WHERE OLD.status = 'active' AND organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
    INSERT INTO case_appeal_rollup
    SELECT NEW.organization_id, NEW.appeal_deadline, 1 WHERE NEW.status = 'active' AND NEW.appeal_deadline IS NOT NULL
    ON CONFLICT (organization_id, appeal_deadline) DO UPDATE SET cases = cases + 1;
END;

CREATE TRIGGER cases_delete_counts_appeal_day AFTER DELETE ON cases
WHEN OLD.status = 'active' AND OLD.appeal_deadline IS NOT NULL
BEGIN
    UPDATE case_appeal_rollup SET cases = cases - 1
    WHERE organization_id = OLD.organization_id AND appeal_deadline = OLD.appeal_deadline;
END;
