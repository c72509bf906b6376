-- Casework schema, version 6: each claim keeps its deadlines (DESIGN §9) in columns, so that work
-- lists, sorts and dashboards read them instead of working them out per claim on every request.
-- The rule lives once, in the view claim_deadlines; triggers store its answer whenever a claim's
-- denial, remit date, service date or payer changes, a first remit arrives, or a payer's appeal or
-- timely filing days change, so no write path can leave a deadline stale.
--
-- - appeal deadline: a denied (or underpaid) claim's newest remit payment date + the payer's appeal_days;
-- - filing deadline: the claim's first service date + the payer's timely_filing_days;
-- - deadline: the appeal deadline when denied, else the filing deadline while it has no remit.

ALTER TABLE claims ADD COLUMN appeal_deadline TEXT;
ALTER TABLE claims ADD COLUMN filing_deadline TEXT;
ALTER TABLE claims ADD COLUMN deadline TEXT;

CREATE VIEW claim_deadlines AS
SELECT claim_id, appeal_deadline, filing_deadline,
       CASE WHEN denied THEN appeal_deadline WHEN unremitted THEN filing_deadline END AS deadline
FROM (SELECT cl.id AS claim_id,
             (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AS denied,
             (cl.last_remitted_on IS NULL AND NOT EXISTS (SELECT 1 FROM remittances r WHERE r.claim_id = cl.id)) AS unremitted,
             CASE WHEN (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AND cl.last_remitted_on IS NOT NULL
                       AND py.appeal_days IS NOT NULL
                  THEN date(cl.last_remitted_on, '+' || py.appeal_days || ' days') END AS appeal_deadline,
             CASE WHEN cl.service_start IS NOT NULL AND py.timely_filing_days IS NOT NULL
                  THEN date(cl.service_start, '+' || py.timely_filing_days || ' days') END AS filing_deadline
      FROM claims cl JOIN payers py ON py.id = cl.payer_id);

UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
    (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = claims.id);

CREATE TRIGGER claims_insert_sets_deadlines AFTER INSERT ON claims BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER claims_update_sets_deadlines
AFTER UPDATE OF denial_carcs, denial_category, last_remitted_on, service_start, payer_id ON claims
WHEN NEW.denial_carcs IS NOT OLD.denial_carcs OR NEW.denial_category IS NOT OLD.denial_category
     OR NEW.last_remitted_on IS NOT OLD.last_remitted_on OR NEW.service_start IS NOT OLD.service_start
     OR NEW.payer_id IS NOT OLD.payer_id
BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.id)
    WHERE id = NEW.id;
END;

-- A first remit without a payment date still ends the filing deadline.
CREATE TRIGGER remittances_insert_sets_deadlines AFTER INSERT ON remittances
WHEN (SELECT deadline FROM claims WHERE id = NEW.claim_id) IS NOT NULL
     AND (SELECT last_remitted_on FROM claims WHERE id = NEW.claim_id) IS NULL
BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = NEW.claim_id)
    WHERE id = NEW.claim_id;
END;

CREATE TRIGGER payers_update_sets_deadlines AFTER UPDATE OF appeal_days, timely_filing_days ON payers
WHEN NEW.appeal_days IS NOT OLD.appeal_days OR NEW.timely_filing_days IS NOT OLD.timely_filing_days
BEGIN
    UPDATE claims SET (appeal_deadline, filing_deadline, deadline) =
        (SELECT appeal_deadline, filing_deadline, deadline FROM claim_deadlines d WHERE d.claim_id = claims.id)
    WHERE payer_id = NEW.id;
END;

-- Case deadlines take the earliest deadline of a case's claims still open: this index answers
-- that from the index alone.
CREATE INDEX claims_open_deadlines ON claims(id, outstanding_cents, deadline, appeal_deadline);
