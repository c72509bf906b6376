-- What the database keeps on claims and cases as their rows change (SQLite migrations 0006, 0009,
-- 0011-0013): claim deadlines from the payer's days, case_claims.active following the case's status
-- (rule 1 reads it), each case's stored totals and deadlines, each claim's first submission day.

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

-- A case's stored totals and deadlines (SQLite 0012): recomputed from its claims, by each trigger below.
CREATE FUNCTION set_case_totals(case_key text) RETURNS void LANGUAGE sql AS $$
    UPDATE cases SET (total_outstanding_cents, total_cost_share_outstanding_cents, deadline, appeal_deadline) =
            (SELECT COALESCE(SUM(cl.outstanding_cents), 0), COALESCE(SUM(cl.cost_share_outstanding_cents), 0),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.deadline END),
                    MIN(CASE WHEN cl.outstanding_cents > 0 THEN cl.appeal_deadline END)
             FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id = case_key)
        WHERE id = case_key;
$$;

CREATE FUNCTION case_claims_insert_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_case_totals(NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_sets_case_totals AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_sets_case_totals();

CREATE FUNCTION case_claims_delete_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_case_totals(OLD.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_sets_case_totals AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_sets_case_totals();

CREATE FUNCTION claims_update_sets_case_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.expected_cents IS DISTINCT FROM OLD.expected_cents OR NEW.paid_cents IS DISTINCT FROM OLD.paid_cents
       OR NEW.cost_share_cents IS DISTINCT FROM OLD.cost_share_cents OR NEW.write_off_cents IS DISTINCT FROM OLD.write_off_cents
       OR NEW.cost_share_paid_cents IS DISTINCT FROM OLD.cost_share_paid_cents OR NEW.deadline IS DISTINCT FROM OLD.deadline
       OR NEW.appeal_deadline IS DISTINCT FROM OLD.appeal_deadline THEN
        PERFORM set_case_totals(l.case_id) FROM case_claims l WHERE l.claim_id = NEW.id;
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
