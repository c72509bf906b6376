-- Casework schema, version 16: the three covering indexes of claim figures (claims_amounts of version 3,
-- claims_open_deadlines of version 6, claims_aging of version 13) become one. Each answered "this
-- claim's money / deadlines / aging dates by id" without reading its row; every claim insert or update
-- wrote all three. One index holding all those columns answers the same reads (case totals and
-- deadlines recomputed by the triggers of version 12, outstanding by aging bucket) with one B-tree to
-- keep instead of three.

DROP INDEX claims_amounts;
DROP INDEX claims_open_deadlines;
DROP INDEX claims_aging;
CREATE INDEX claims_figures ON claims(id, outstanding_cents, expected_cents, paid_cents, cost_share_cents, write_off_cents,
                                      cost_share_paid_cents, deadline, appeal_deadline, first_submitted_on, service_start);
