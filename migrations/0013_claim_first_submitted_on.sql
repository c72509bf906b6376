-- Casework schema, version 13: each claim stores the date of its first submission, kept by the
-- database, so that Case Insights' outstanding by aging bucket reads every claim of the active cases
-- from one covering index instead of looking up the claim's row and its submissions per claim
-- (issue 13: that statement was two thirds of a fresh Case Insights at 100,000 claims).
--
-- A claim ages from its first submission date, else its first service date (Claim.agingStart):
-- COALESCE(first_submitted_on, service_start). Submissions without a date (those posting creates)
-- change nothing and fire no recomputation.

ALTER TABLE claims ADD COLUMN first_submitted_on TEXT;

UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = claims.id)
WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.claim_id = claims.id AND s.submitted_on IS NOT NULL);

CREATE TRIGGER submissions_insert_sets_first_submitted_on AFTER INSERT ON submissions
WHEN NEW.submitted_on IS NOT NULL
BEGIN
    UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = NEW.claim_id)
    WHERE id = NEW.claim_id;
END;

CREATE TRIGGER submissions_update_sets_first_submitted_on AFTER UPDATE OF submitted_on, claim_id ON submissions
WHEN NEW.submitted_on IS NOT OLD.submitted_on OR NEW.claim_id IS NOT OLD.claim_id
BEGIN
    UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = claims.id)
    WHERE id IN (OLD.claim_id, NEW.claim_id);
END;

CREATE TRIGGER submissions_delete_sets_first_submitted_on AFTER DELETE ON submissions
WHEN OLD.submitted_on IS NOT NULL
BEGIN
    UPDATE claims SET first_submitted_on = (SELECT MIN(s.submitted_on) FROM submissions s WHERE s.claim_id = OLD.claim_id)
    WHERE id = OLD.claim_id;
END;

-- Outstanding by aging bucket reads (id → outstanding, aging start) from this index alone.
CREATE INDEX claims_aging ON claims(id, outstanding_cents, first_submitted_on, service_start);
