-- The indexes (rule 1's one_active_case_per_claim among them) and the two views the triggers read.

CREATE INDEX team_members_by_user ON team_members(user_id);

CREATE INDEX payers_by_name ON payers(organization_id, name);

CREATE INDEX patients_by_name ON patients(organization_id, last_name, first_name);

CREATE INDEX claims_by_payer ON claims(organization_id, payer_id);

CREATE INDEX claims_by_patient ON claims(organization_id, patient_id);

CREATE INDEX remittances_by_claim ON remittances(claim_id);

CREATE INDEX cases_by_status ON cases(organization_id, status, stage, created_at DESC, id DESC);

CREATE INDEX case_carc_codes_by_code ON case_carc_codes(code);

CREATE UNIQUE INDEX one_active_case_per_claim ON case_claims(claim_id) WHERE active = 1;

CREATE INDEX case_claims_by_claim ON case_claims(claim_id);

CREATE INDEX audit_events_by_entity ON audit_events(organization_id, entity_type, entity_id, id);

CREATE INDEX activities_by_case ON activities(case_id, seq);

CREATE INDEX activities_open_work ON activities(organization_id, kind, state, due_on);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);

CREATE INDEX remittance_payments_by_trace ON remittance_payments(organization_id, trace_number, payer_id);

CREATE INDEX remittance_payments_by_date ON remittance_payments(organization_id, payment_date, id);

CREATE INDEX remittance_payments_by_payer ON remittance_payments(organization_id, payer_id, id);

CREATE INDEX remittances_by_payment ON remittances(payment_id, position);

CREATE INDEX work_rules_by_position ON work_rules(organization_id, position, id);

CREATE INDEX cases_by_rule ON cases(organization_id, payer_id, opened_by_rule_id, subject, status);

CREATE INDEX activities_by_case_time ON activities(case_id, occurred_at, seq);

CREATE INDEX cases_by_outstanding
    ON cases(organization_id, status, lpad((100000000000000000 + total_outstanding_cents)::text, 20, '0'), id);

CREATE INDEX cases_by_deadline ON cases(organization_id, status, COALESCE(deadline, '9999-12-31'), id);

CREATE INDEX cases_by_appeal_deadline ON cases(organization_id, status, appeal_deadline) WHERE appeal_deadline IS NOT NULL;

CREATE INDEX claims_figures ON claims(id, outstanding_cents, expected_cents, paid_cents, cost_share_cents, write_off_cents,
                                      cost_share_paid_cents, deadline, appeal_deadline, first_submitted_on, service_start);

CREATE INDEX cases_by_created ON cases(organization_id, created_at DESC, id DESC, status, priority, payer_id, follow_up_by);

CREATE INDEX cases_by_owner ON cases(organization_id, owner_id, status, resolved_at);

CREATE INDEX cases_active_by_follow_up ON cases(organization_id, COALESCE(follow_up_by, '9999-12-31'), created_at, id)
    WHERE status = 'active';

CREATE INDEX activities_by_person ON activities(organization_id, kind, state, assignee_id, created_by,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE state IS NOT NULL;

CREATE INDEX activities_by_assignee ON activities(organization_id, kind, state, assignee_id,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE assignee_id IS NOT NULL;

CREATE VIEW claim_deadlines AS
SELECT claim_id, appeal_deadline, filing_deadline,
       CASE WHEN denied THEN appeal_deadline WHEN unremitted THEN filing_deadline END AS deadline
FROM (SELECT cl.id AS claim_id,
             (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AS denied,
             (cl.last_remitted_on IS NULL AND NOT EXISTS (SELECT 1 FROM remittances r WHERE r.claim_id = cl.id)) AS unremitted,
             CASE WHEN (cl.denial_carcs <> '' OR cl.denial_category IS NOT NULL) AND cl.last_remitted_on IS NOT NULL
                       AND py.appeal_days IS NOT NULL
                  THEN to_char(cl.last_remitted_on::date + py.appeal_days::integer, 'YYYY-MM-DD') END AS appeal_deadline,
             CASE WHEN cl.service_start IS NOT NULL AND py.timely_filing_days IS NOT NULL
                  THEN to_char(cl.service_start::date + py.timely_filing_days::integer, 'YYYY-MM-DD') END AS filing_deadline
      FROM claims cl JOIN payers py ON py.id = cl.payer_id) AS facts;

CREATE VIEW case_carcs_or_none AS
SELECT c.id AS case_id, COALESCE(k.code, '') AS carc FROM cases c LEFT JOIN case_carc_codes k ON k.case_id = c.id;
