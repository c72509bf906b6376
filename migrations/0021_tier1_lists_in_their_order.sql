-- Casework schema, version 21: Tier 1's lists are read in their own order, from indexes. At
-- 1,000,000 claims (200,000 cases, 133,000 active, 650,000 activities) the first page of a list
-- read every row of its range and sorted them: "active cases created in the period, follow-up date
-- first" 90 ms, "my open tasks and appointments, by due date" 11-40 ms (13,000 open tasks assigned
-- to the demo's biller).
-- - cases_active_by_follow_up holds the active cases only (a case leaves it when resolved or
--   canceled; other cases' writes never touch it), by organization, follow-up date (undated last, as
--   the list orders them), creation time and id: the first page is the first entries created in the
--   period. DashboardRepository.tierOne walks it when that costs fewer entries than the period's
--   cases (a wide period); a narrow period still reads its range of cases_by_created.
-- - activities_by_person gains the due key (a task's due date, an appointment's start day, undated
--   last) and seq after its columns: the unassigned open tasks an author created, the appointments
--   they scheduled and their e-mail drafts (no assignee) are each a range already in order.
-- - activities_by_assignee: open tasks by assignee, then due key and seq, for "tasks assigned to me".
-- The new indexes are analyzed at once (see 0019: an index without statistics beside indexes with
-- them looks cheaper than it is). On a new, empty database this records nothing.

CREATE INDEX cases_active_by_follow_up ON cases(organization_id, COALESCE(follow_up_by, '9999-12-31'), created_at, id)
    WHERE status = 'active';
DROP INDEX activities_by_person;
CREATE INDEX activities_by_person ON activities(organization_id, kind, state, assignee_id, created_by,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE state IS NOT NULL;
CREATE INDEX activities_by_assignee ON activities(organization_id, kind, state, assignee_id,
    COALESCE(due_on, substr(starts_at, 1, 10), '9999-12-31'), seq) WHERE assignee_id IS NOT NULL;
ANALYZE cases_active_by_follow_up;
ANALYZE activities_by_person;
ANALYZE activities_by_assignee;
