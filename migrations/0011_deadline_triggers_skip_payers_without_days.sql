-- Casework schema, version 11: the deadline triggers of version 6 skip the recomputation when its
-- answer is known to be "no deadlines" — the claim's payer has neither appeal_days nor
-- timely_filing_days, and the claim stores no deadline yet. Each skipped recomputation saved an
-- UPDATE of the claim (and the data-version bump that UPDATE fires): a sixth of what posting a
-- remittance file cost when its payers had no days set (measured with bench/bench_835.py).
-- The rule itself still lives only in the view claim_deadlines.

DROP TRIGGER claims_insert_sets_deadlines;
CREATE TRIGGER claims_insert_sets_deadlines AFTER INSERT ON claims
WHEN NEW.appeal_deadline IS NOT NULL OR NEW.filing_deadline IS NOT NULL OR NEW.deadline IS NOT NULL
     OR (SELECT appeal_days IS NOT NULL OR timely_filing_days IS NOT NULL FROM payers WHERE id = NEW.payer_id)
BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
    WHERE id = NEW.id;
END;

DROP TRIGGER claims_update_sets_deadlines;
CREATE TRIGGER claims_update_sets_deadlines
AFTER UPDATE OF denial_carcs, denial_category, last_remitted_on, service_start, payer_id ON claims
WHEN (NEW.denial_carcs IS NOT OLD.denial_carcs OR NEW.denial_category IS NOT OLD.denial_category
      OR NEW.last_remitted_on IS NOT OLD.last_remitted_on OR NEW.service_start IS NOT OLD.service_start
      OR NEW.payer_id IS NOT OLD.payer_id)
     AND (NEW.appeal_deadline IS NOT NULL OR NEW.filing_deadline IS NOT NULL OR NEW.deadline IS NOT NULL
          OR (SELECT appeal_days IS NOT NULL OR timely_filing_days IS NOT NULL FROM payers WHERE id = NEW.payer_id))
BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
    WHERE id = NEW.id;
END;
