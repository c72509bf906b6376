-- How many activities with a state there are per kind, state, assignee ('' for none) and author, kept
-- by triggers (SQLite migration 0024): Tier 1's "my draft e-mails" and "my open work" totals sum a
-- few rows instead of counting an index range that grows with the data.
CREATE TABLE activity_counts (
    organization_id text NOT NULL,
    kind            text NOT NULL,
    state           text NOT NULL,
    assignee_id     text NOT NULL,
    created_by      text NOT NULL,
    activities      bigint NOT NULL,
    PRIMARY KEY (organization_id, kind, state, assignee_id, created_by)
);

INSERT INTO activity_counts
SELECT organization_id, kind, state, COALESCE(assignee_id, ''), created_by, COUNT(*)
FROM activities WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION activities_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state IS NOT NULL THEN
        UPDATE activity_counts SET activities = activities - 1
            WHERE organization_id = OLD.organization_id AND kind = OLD.kind AND state = OLD.state
              AND assignee_id = COALESCE(OLD.assignee_id, '') AND created_by = OLD.created_by;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state IS NOT NULL THEN
        INSERT INTO activity_counts VALUES (NEW.organization_id, NEW.kind, NEW.state, COALESCE(NEW.assignee_id, ''), NEW.created_by, 1)
            ON CONFLICT (organization_id, kind, state, assignee_id, created_by)
            DO UPDATE SET activities = activity_counts.activities + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER activities_insert_counted AFTER INSERT ON activities FOR EACH ROW WHEN (NEW.state IS NOT NULL)
    EXECUTE FUNCTION activities_counted();
CREATE TRIGGER activities_update_counted AFTER UPDATE OF organization_id, kind, state, assignee_id, created_by ON activities
    FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.kind IS DISTINCT FROM NEW.kind
                       OR OLD.state IS DISTINCT FROM NEW.state OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
                       OR OLD.created_by IS DISTINCT FROM NEW.created_by)
    EXECUTE FUNCTION activities_counted();
CREATE TRIGGER activities_delete_counted AFTER DELETE ON activities FOR EACH ROW WHEN (OLD.state IS NOT NULL)
    EXECUTE FUNCTION activities_counted();
