-- The claim aging rollups (SQLite migrations 0015 and 0018): the cases' claims and outstanding by
-- status, payer (owner, CARC) and the day each claim ages from. Deltas grouped before each upsert.

CREATE FUNCTION case_claims_insert_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_rollup
        SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, start_day
        ON CONFLICT (organization_id, status, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_ages AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_ages();

CREATE FUNCTION case_claims_delete_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_rollup
        SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, start_day
        ON CONFLICT (organization_id, status, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_ages AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_ages();

CREATE FUNCTION claims_update_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) IS DISTINCT FROM (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS DISTINCT FROM COALESCE(OLD.first_submitted_on, OLD.service_start, '') THEN
        INSERT INTO claim_aging_rollup
            SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, start_day
            ON CONFLICT (organization_id, status, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_ages AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_ages();

CREATE FUNCTION cases_update_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id THEN
        INSERT INTO claim_aging_rollup
            SELECT organization_id, status, payer_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
            WHERE l.case_id = NEW.id) AS each_row (organization_id, status, payer_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, start_day
            ON CONFLICT (organization_id, status, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_rollup.claims + excluded.claims, outstanding_cents = claim_aging_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_ages AFTER UPDATE OF organization_id, status, payer_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_ages();

CREATE FUNCTION case_claims_insert_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_owner_rollup
        SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
               COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
        ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
        DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), 1,
               cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents
        FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = NEW.case_id AND cl.id = NEW.claim_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_insert_ages_by_owner_and_carc AFTER INSERT ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_insert_ages_by_owner_and_carc();

CREATE FUNCTION case_claims_delete_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_owner_rollup
        SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''),
               COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
        ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
        DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
        INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), -1,
               -(cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_carcs_or_none k ON k.case_id = c.id, claims cl WHERE c.id = OLD.case_id AND cl.id = OLD.claim_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_claims_delete_ages_by_owner_and_carc AFTER DELETE ON case_claims FOR EACH ROW EXECUTE FUNCTION case_claims_delete_ages_by_owner_and_carc();

CREATE FUNCTION claims_update_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) IS DISTINCT FROM (OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) OR COALESCE(NEW.first_submitted_on, NEW.service_start, '') IS DISTINCT FROM COALESCE(OLD.first_submitted_on, OLD.service_start, '') THEN
        INSERT INTO claim_aging_owner_rollup
            SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, COALESCE(c.owner_type, ''), COALESCE(c.owner_id, ''), day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
            ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
            DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
            INSERT INTO claim_aging_carc_rollup
            SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT c.organization_id, c.status, c.payer_id, k.carc, day, n, cents
            FROM case_claims l JOIN cases c ON c.id = l.case_id JOIN case_carcs_or_none k ON k.case_id = c.id,
                 (SELECT COALESCE(OLD.first_submitted_on, OLD.service_start, '') AS day, -1 AS n,
                         -(OLD.expected_cents - OLD.paid_cents - OLD.cost_share_cents - OLD.write_off_cents) AS cents
                  UNION ALL
                  SELECT COALESCE(NEW.first_submitted_on, NEW.service_start, ''), 1,
                         NEW.expected_cents - NEW.paid_cents - NEW.cost_share_cents - NEW.write_off_cents) AS delta
            WHERE l.claim_id = NEW.id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, carc, payer_id, start_day
            ON CONFLICT (organization_id, status, carc, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_update_ages_by_owner_and_carc AFTER UPDATE OF expected_cents, paid_cents, cost_share_cents, write_off_cents, first_submitted_on, service_start ON claims FOR EACH ROW EXECUTE FUNCTION claims_update_ages_by_owner_and_carc();

CREATE FUNCTION cases_update_ages_by_owner_and_carc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id OR OLD.owner_type IS DISTINCT FROM NEW.owner_type OR OLD.owner_id IS DISTINCT FROM NEW.owner_id THEN
        INSERT INTO claim_aging_owner_rollup
            SELECT organization_id, status, payer_id, owner_type, owner_id, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, side.owner_type, side.owner_id,
                   COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id,
                         COALESCE(OLD.owner_type, '') AS owner_type, COALESCE(OLD.owner_id, '') AS owner_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, COALESCE(NEW.owner_type, ''), COALESCE(NEW.owner_id, ''), 1)
                 AS side
            WHERE l.case_id = NEW.id) AS each_row (organization_id, status, payer_id, owner_type, owner_id, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, payer_id, owner_type, owner_id, start_day
            ON CONFLICT (organization_id, status, payer_id, owner_type, owner_id, start_day)
            DO UPDATE SET claims = claim_aging_owner_rollup.claims + excluded.claims, outstanding_cents = claim_aging_owner_rollup.outstanding_cents + excluded.outstanding_cents;
            INSERT INTO claim_aging_carc_rollup
            SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
            FROM (SELECT side.organization_id, side.status, side.payer_id, k.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
                   side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
            FROM case_claims l JOIN claims cl ON cl.id = l.claim_id JOIN case_carcs_or_none k ON k.case_id = l.case_id,
                 (SELECT OLD.organization_id AS organization_id, OLD.status AS status, OLD.payer_id AS payer_id, -1 AS n
                  UNION ALL SELECT NEW.organization_id, NEW.status, NEW.payer_id, 1) AS side
            WHERE l.case_id = NEW.id
              AND (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.payer_id IS DISTINCT FROM NEW.payer_id)) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
            GROUP BY organization_id, status, carc, payer_id, start_day
            ON CONFLICT (organization_id, status, carc, payer_id, start_day)
            DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_update_ages_by_owner_and_carc AFTER UPDATE OF organization_id, status, payer_id, owner_type, owner_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_update_ages_by_owner_and_carc();

CREATE FUNCTION case_carc_codes_insert_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
               side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
             (SELECT NEW.code AS carc, 1 AS n
              UNION ALL SELECT '', -1 WHERE (SELECT COUNT(*) FROM case_carc_codes WHERE case_id = NEW.case_id) = 1) AS side
        WHERE c.id = NEW.case_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_insert_ages AFTER INSERT ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_insert_ages();

CREATE FUNCTION case_carc_codes_delete_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_aging_carc_rollup
        SELECT organization_id, status, payer_id, carc, start_day, SUM(claims), SUM(outstanding_cents)
        FROM (SELECT c.organization_id, c.status, c.payer_id, side.carc, COALESCE(cl.first_submitted_on, cl.service_start, ''), side.n,
               side.n * (cl.expected_cents - cl.paid_cents - cl.cost_share_cents - cl.write_off_cents)
        FROM cases c JOIN case_claims l ON l.case_id = c.id JOIN claims cl ON cl.id = l.claim_id,
             (SELECT OLD.code AS carc, -1 AS n
              UNION ALL SELECT '', 1 WHERE NOT EXISTS (SELECT 1 FROM case_carc_codes WHERE case_id = OLD.case_id)) AS side
        WHERE c.id = OLD.case_id) AS each_row (organization_id, status, payer_id, carc, start_day, claims, outstanding_cents)
        GROUP BY organization_id, status, carc, payer_id, start_day
        ON CONFLICT (organization_id, status, carc, payer_id, start_day)
        DO UPDATE SET claims = claim_aging_carc_rollup.claims + excluded.claims, outstanding_cents = claim_aging_carc_rollup.outstanding_cents + excluded.outstanding_cents;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_carc_codes_delete_ages AFTER DELETE ON case_carc_codes FOR EACH ROW EXECUTE FUNCTION case_carc_codes_delete_ages();
