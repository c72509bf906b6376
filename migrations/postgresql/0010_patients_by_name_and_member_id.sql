-- A posted claim's patient (NM1*QC) is matched by name and member id. The index held the name only,
-- so each match read every patient of that name: one payment of 6,000 claims for patients of one
-- name with different member ids took 23 s, growing with the square of the claims. The index now
-- ends with the member id (it still serves a search by name).
DROP INDEX patients_by_name;
CREATE INDEX patients_by_name ON patients(organization_id, last_name, first_name, member_id);
