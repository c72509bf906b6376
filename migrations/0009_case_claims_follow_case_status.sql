-- Casework schema, version 9: `case_claims.active` is kept by the database. It exists so that rule 1
-- (one active case per claim) is the partial unique index one_active_case_per_claim; it must equal
-- "the case is active". A case's status change now sets it for all the case's claims in the same
-- statement, and a row that would disagree with its case is refused, whatever code writes it.

-- Rows written before this version by a close that did not finish its bookkeeping (none expected).
UPDATE case_claims SET active = 0
WHERE active = 1 AND case_id IN (SELECT id FROM cases WHERE status <> 'active');

CREATE TRIGGER case_claims_follow_case_status
AFTER UPDATE OF status ON cases
WHEN OLD.status IS NOT NEW.status
BEGIN
    UPDATE case_claims SET active = (NEW.status = 'active') WHERE case_id = NEW.id;
END;

CREATE TRIGGER case_claims_insert_matches_case
BEFORE INSERT ON case_claims
WHEN NEW.active IS NOT (SELECT status = 'active' FROM cases WHERE id = NEW.case_id)
BEGIN
    SELECT RAISE(ABORT, 'case_claims.active must equal whether the case is active');
END;

CREATE TRIGGER case_claims_update_matches_case
BEFORE UPDATE OF active ON case_claims
WHEN NEW.active IS NOT (SELECT status = 'active' FROM cases WHERE id = NEW.case_id)
BEGIN
    SELECT RAISE(ABORT, 'case_claims.active must equal whether the case is active');
END;
