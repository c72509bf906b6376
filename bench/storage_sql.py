"""The SQL of Casework's storage layer that `bench/bench_views.py` gives the sqlite3 CLI: each work-list page,
view count and dashboard request as the statements of its read transaction, with literal values, mirrored
from Sources/CaseworkStorage (the server's answers are checked against them where a check is given).
Python 3 standard library only."""

import datetime

PAGE_LIMIT = 50          # PageRequest default
TIER1_LIST_LIMIT = 10    # DashboardRoutes default list_limit


def lit(text):
    """A SQL text literal."""
    return "'" + str(text).replace("'", "''") + "'"


def row_select():
    """CaseRepository.rowSelect."""
    return (
        "SELECT c.*, p.name AS payer_name, pt.first_name AS patient_first_name, pt.last_name AS patient_last_name,\n"
        "       COALESCE(u.name, t.name) AS owner_name\n"
        "FROM cases c\n"
        "JOIN payers p ON p.id = c.payer_id\n"
        "LEFT JOIN patients pt ON pt.id = c.patient_id\n"
        "LEFT JOIN users u ON c.owner_type = 'user' AND u.id = c.owner_id\n"
        "LEFT JOIN teams t ON c.owner_type = 'team' AND t.id = c.owner_id"
    )


def case_rows(ids):
    """CaseRepository.rows(db, ids:): rowSelect over the ids, then the four follow-up queries of
    CaseRepository.rows (tags, CARCs, claim numbers, open tasks); nothing when there are no ids."""
    if not ids:
        return []
    marks = ", ".join(lit(i) for i in ids)
    return [
        row_select() + f"\nWHERE c.id IN ({marks});",
        f"SELECT case_id, tag FROM case_tags WHERE case_id IN ({marks}) ORDER BY case_id, position;",
        f"SELECT case_id, code, resolved FROM case_carc_codes WHERE case_id IN ({marks}) ORDER BY case_id, position;",
        f"SELECT l.case_id, cl.claim_number FROM case_claims l JOIN claims cl ON cl.id = l.claim_id WHERE l.case_id IN ({marks}) "
        "ORDER BY l.case_id, l.linked_at, cl.claim_number;",
        f"SELECT case_id, subject FROM activities WHERE case_id IN ({marks}) AND kind = 'task' AND state = 'open' ORDER BY case_id, seq;",
    ]


SORT_EXPRESSIONS = {  # CaseQuery.SortKey.expression
    "created_at": "c.created_at",
    "updated_at": "c.updated_at",
    "follow_up_by": "COALESCE(c.follow_up_by, '9999-12-31')",
    "priority": "CASE c.priority WHEN 'low' THEN '0' WHEN 'normal' THEN '1' ELSE '2' END",
    "number": "printf('%012d', c.number)",
    "total_outstanding": "printf('%020d', 100000000000000000 + c.total_outstanding_cents)",
    "deadline": "COALESCE(c.deadline, '9999-12-31')",
}

VIEWS = {  # CaseView: (requiredStatus, requiredStage, requiresCallerOwnership)
    "all": (None, None, False),
    "open": ("active", None, False),
    "my_open": ("active", None, True),
    "in_progress": ("active", "in_progress", False),
    "awaiting_payment": ("active", "awaiting_payment", False),
    "resolved": ("resolved", None, False),
}


def mine_clause(caller, prefix="c."):
    teams = caller["teams"]
    team_clause = "" if not teams else f" OR ({prefix}owner_type = 'team' AND {prefix}owner_id IN ({', '.join(lit(t) for t in teams)}))"
    return f"(({prefix}owner_type = 'user' AND {prefix}owner_id = {lit(caller['user'])}){team_clause})"


def view_conditions(view, caller):
    """CaseQuery.conditions for a view without extra filters."""
    status, stage, mine = VIEWS[view]
    parts = [f"c.organization_id = {lit(caller['org'])}"]
    if status:
        parts.append(f"c.status = {lit(status)}")
    if stage:
        parts.append(f"c.stage = {lit(stage)}")
    if mine:
        parts.append(mine_clause(caller))
    return " AND ".join(parts)


def page_query(view, sort, descending, caller):
    """CaseRepository.list, first page, step one: the page's ids by sort key (LIMIT limit + 1)."""
    direction = "DESC" if descending else "ASC"
    return (f"SELECT c.id, {SORT_EXPRESSIONS[sort]} AS sort_key FROM cases c WHERE {view_conditions(view, caller)}"
            f" ORDER BY sort_key {direction}, c.id {direction} LIMIT {PAGE_LIMIT + 1};")


def auth_statements(caller):
    """TokenRepository.authenticate, in its own read transaction."""
    return ["BEGIN DEFERRED;",
            "SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id\n"
            f"WHERE t.token_sha256 = {lit(caller['digest'])} AND t.revoked_at IS NULL;",
            f"SELECT team_id FROM team_members WHERE user_id = {lit(caller['user'])} ORDER BY team_id;",
            "COMMIT;"]


def ids_of(sqlite, query, limit):
    """The ids of the rows a page query returns, cut to `limit` (as the server drops the extra row)."""
    return [row[0] for row in sqlite.rows(f"SELECT id FROM ({query.rstrip(';')});")][:limit]


def view_page_sql(sqlite, caller, view, sort="created_at", descending=True):
    """The page's statements, and a check that the server's page lists the same cases."""
    query = page_query(view, sort, descending, caller)
    ids = ids_of(sqlite, query, PAGE_LIMIT)
    check = lambda body: same_ids("items", [item["id"] for item in body["items"]], ids)
    return [query] + case_rows(ids), check


def same_ids(what, served, expected):
    if served == expected:
        return None
    return f"{what}: the server listed {len(served)} ids, the SQL {len(expected)}; first difference at " \
           f"{next((i for i, (a, b) in enumerate(zip(served, expected)) if a != b), min(len(served), len(expected)))}"


def view_counts_sql(sqlite, caller):
    """CaseRepository.viewCounts (from the rollup case_rollup), and a check that the server's counts are those of the cases."""
    statements = [
        "SELECT COALESCE(SUM(cases), 0) AS all_cases,\n"
        "       COALESCE(SUM(CASE WHEN status = 'active' THEN cases ELSE 0 END), 0) AS open_cases,\n"
        f"       COALESCE(SUM(CASE WHEN status = 'active' AND {mine_clause(caller, prefix='')} THEN cases ELSE 0 END), 0) AS my_open,\n"
        "       COALESCE(SUM(CASE WHEN status = 'active' AND stage = 'in_progress' THEN cases ELSE 0 END), 0) AS in_progress,\n"
        "       COALESCE(SUM(CASE WHEN status = 'active' AND stage = 'awaiting_payment' THEN cases ELSE 0 END), 0) AS awaiting_payment,\n"
        "       COALESCE(SUM(CASE WHEN status = 'resolved' THEN cases ELSE 0 END), 0) AS resolved\n"
        f"FROM case_rollup WHERE organization_id = {lit(caller['org'])};"
    ]
    # Checked against the cases themselves, not against the rollup the server reads.
    from_cases = ("SELECT COUNT(*), COALESCE(SUM(status = 'active'), 0),\n"
                  f"       COALESCE(SUM(status = 'active' AND {mine_clause(caller, prefix='')}), 0),\n"
                  "       COALESCE(SUM(status = 'active' AND stage = 'in_progress'), 0),\n"
                  "       COALESCE(SUM(status = 'active' AND stage = 'awaiting_payment'), 0), COALESCE(SUM(status = 'resolved'), 0)\n"
                  f"FROM cases WHERE organization_id = {lit(caller['org'])};")
    expected = dict(zip(VIEWS, (int(n) for n in sqlite.one(from_cases))))

    def check(body):
        served = {item["view"]: item["count"] for item in body["items"]}
        return None if served == expected else f"view counts: server {served}, SQL {expected}"
    return statements, check


def appeals_due_sql(caller, today):
    """DashboardRepository.appealsDue without a filter: sums over case_appeal_rollup's deadline days (migration 0022)."""
    day = lambda offset: lit((today + datetime.timedelta(days=offset)).isoformat())
    return (f"SELECT COALESCE(SUM(CASE WHEN appeal_deadline < {day(0)} THEN cases END), 0),\n"
            f"       COALESCE(SUM(CASE WHEN appeal_deadline >= {day(0)} AND appeal_deadline < {day(7)} THEN cases END), 0),\n"
            f"       COALESCE(SUM(CASE WHEN appeal_deadline >= {day(0)} AND appeal_deadline < {day(30)} THEN cases END), 0)\n"
            f"FROM case_appeal_rollup WHERE organization_id = {lit(caller['org'])};")


def case_insights_sql(caller, today, drill_down=None):
    """DashboardRepository.caseInsights with InsightsSQL, no filters: the cells of the rollups of migration 0014
    in one statement (the figures are summed from them in Swift), outstandingByAging from those of
    migrations 0015 and 0018 (AgingSums), and appealsDue."""
    conditions = f"c.organization_id = {lit(caller['org'])}"
    # The drill-down's raw keys, grouped in each rollup's key order, named after grouping (InsightsSQL).
    key_select, key_columns, dims, names = {
        None: ("", [], "NULL AS dim_type, NULL AS dim_id, NULL AS dim_name", ""),
        "owner": ("c.owner_type AS key_type, c.owner_id AS key_id, ", ["c.owner_type", "c.owner_id"],
                  "NULLIF(g.key_type, '') AS dim_type, NULLIF(g.key_id, '') AS dim_id, COALESCE(du.name, dt.name) AS dim_name",
                  " LEFT JOIN users du ON g.key_type = 'user' AND du.id = g.key_id "
                  "LEFT JOIN teams dt ON g.key_type = 'team' AND dt.id = g.key_id"),
        "carc_code": ("c.carc AS key_id, ", ["c.carc"], "'carc' AS dim_type, NULLIF(g.key_id, '') AS dim_id, NULL AS dim_name", ""),
    }[drill_down]
    rolled = "case_carc_rollup c" if drill_down == "carc_code" else "case_rollup c"
    cell_keys = ["c.status", "c.stage", "c.subject", "c.payer_id"]
    cell_group = cell_keys + key_columns if drill_down == "owner" else key_columns + cell_keys
    # AgingOutstanding (AgingSums): the claim aging rollups of migrations 0015 and 0018, whose key ends in
    # the start day: per group and payer of the case rollup (with its total), one correlated sum per younger
    # bucket over its key range; the oldest bucket only tested for a claim (the server derives its sum).
    aging_table = {None: "claim_aging_rollup c", "owner": "claim_aging_owner_rollup c",
                   "carc_code": "claim_aging_carc_rollup c"}[drill_down]
    start = "c.start_day"
    younger, ranges = None, []
    for index, oldest in enumerate([30, 60, 90, 120, None]):
        tests = [f"{start} >= {lit((today - datetime.timedelta(days=oldest)).isoformat())}" if oldest is not None
                 else f"{start} > ''"]
        if younger is not None:
            tests.append(f"{start} < {lit((today - datetime.timedelta(days=younger)).isoformat())}")
        ranges.append((f"bucket_{index}", " AND ".join(tests)))
        younger = oldest
    oldest_test = ranges.pop()[1]
    ranges.append(("bucket_none", f"{start} = ''"))
    k_columns = {None: [], "owner": ["k.key_type", "k.key_id"], "carc_code": ["k.key_id"]}[drill_down]
    same_group = " AND ".join([f"{a} = {b}" for a, b in zip(key_columns, k_columns)] + ["c.payer_id = k.payer_id"])
    in_group = f"FROM {aging_table} WHERE {conditions} AND c.claims > 0 AND c.status = 'active' AND {same_group}"
    sums = [f"(SELECT SUM(c.outstanding_cents) {in_group} AND {test}) AS {column}" for column, test in ranges]
    sums.append(f"CASE WHEN EXISTS (SELECT 1 {in_group} AND {oldest_test}) THEN 1 ELSE 0 END AS older")
    total_group = ", ".join(key_columns + ["c.payer_id"])
    return [
        f"SELECT {dims}, g.*, p.name AS payer_name FROM (\n"
        f"    SELECT {key_select}c.status, c.stage, c.subject, c.payer_id,\n"
        f"           SUM(c.cases) AS n, SUM(c.outstanding_cents) AS total\n"
        f"    FROM {rolled} WHERE {conditions} AND c.cases > 0\n"
        f"    GROUP BY {', '.join(cell_group)}) AS g\n"
        f"JOIN payers p ON p.id = g.payer_id{names};",
        f"SELECT {dims}, g.*, p.name AS payer_name FROM (SELECT k.*, {', '.join(sums)}\n"
        f"    FROM (SELECT {key_select}c.payer_id, SUM(c.outstanding_cents) AS total FROM {rolled}\n"
        f"          WHERE {conditions} AND c.cases > 0 AND c.status = 'active' GROUP BY {total_group}) AS k) AS g\n"
        f"JOIN payers p ON p.id = g.payer_id{names} ORDER BY dim_type NULLS FIRST, dim_id NULLS FIRST, g.payer_id;",
        appeals_due_sql(caller, today),
    ]


def tier_one_sql(sqlite, caller, today):
    """DashboardRepository.tierOne for period=this_year (both ends included, so `< next Jan 1`), then appeals due."""
    org = lit(caller["org"])
    year_from, year_to = f"{today.year}-01-01T00:00:00Z", f"{today.year + 1}-01-01T00:00:00Z"

    def bound(column):
        return f" AND {column} >= {lit(year_from)} AND {column} < {lit(year_to)}"

    period = bound("c.created_at")
    statements = []
    lists = {}

    def counts(column, join="", name=None, order=None):
        """Cases created in the period, from the rollup by creation day (migration 0020)."""
        days = f" AND r.created_day >= {lit(year_from[:10])} AND r.created_day < {lit(year_to[:10])}"
        statements.append(f"SELECT {column} AS key, {name or 'NULL'} AS name, SUM(r.cases) AS n FROM case_created_rollup r {join}\n"
                          f"WHERE r.organization_id = {org}{days} GROUP BY {column}{', ' + name if name else ''} HAVING SUM(r.cases) > 0 "
                          f"ORDER BY {order or column};")

    def case_list(key, condition, order, count=True):
        if count:  # the active cases' count is the status count summed above
            statements.append(f"SELECT COUNT(*) AS n FROM cases c WHERE c.organization_id = {org} AND {condition};")
        query = f"SELECT c.id FROM cases c WHERE c.organization_id = {org} AND {condition} ORDER BY {order} LIMIT {TIER1_LIST_LIMIT};"
        statements.append(query)
        lists[key] = ids_of(sqlite, query, TIER1_LIST_LIMIT)
        statements.extend(case_rows(lists[key]))

    def personal(kind, state, assigned):
        """TierOne's PersonalActivities: (condition over activities a, condition over activity_counts)."""
        mine = f"a.assignee_id = {me}" if assigned else f"a.assignee_id IS NULL AND a.created_by = {me}"
        in_counts = f"assignee_id = {me}" if assigned else f"assignee_id = '' AND created_by = {me}"
        return (f"a.kind = '{kind}' AND a.state = '{state}' AND {mine}", f"(kind = '{kind}' AND state = '{state}' AND {in_counts})")

    def counted(ranges):
        """The ranges' total from activity_counts (migration 0024)."""
        statements.append(f"SELECT COALESCE(SUM(activities), 0) AS n FROM activity_counts WHERE organization_id = {org} AND ("
                          + " OR ".join(c for _, c in ranges) + ");")

    me = lit(caller["user"])
    counts("r.priority", order="CASE r.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END")
    counts("r.payer_id", join="JOIN payers p ON p.id = r.payer_id", name="p.name")
    counts("r.status")
    # TierOne.walksActiveInOrder: walk cases_active_by_follow_up (a unary + on created_at) when that reads fewer
    # entries (limit × all active ÷ active in the period) than the period's cases; the same counts, from the rollups.
    days = f"r.created_day >= {lit(year_from[:10])} AND r.created_day < {lit(year_to[:10])}"
    in_period, active_in_period = [int(v or 0) for v in sqlite.rows(
        f"SELECT SUM(r.cases), SUM((r.status = 'active') * r.cases) FROM case_created_rollup r "
        f"WHERE r.organization_id = {org} AND {days};")[0]]
    all_active = int(sqlite.rows(f"SELECT COALESCE(SUM(cases), 0) FROM case_rollup WHERE organization_id = {org} "
                                 "AND status = 'active';")[0][0])
    statements.append(f"SELECT COALESCE(SUM(cases), 0) AS n FROM case_rollup WHERE organization_id = {org} AND status = 'active';")
    walk = active_in_period > 0 and TIER1_LIST_LIMIT * all_active / active_in_period < in_period
    case_list("active_cases", "c.status = 'active'" + (bound("+c.created_at") if walk else period),
              "COALESCE(c.follow_up_by, '9999-12-31'), c.created_at, c.id", count=False)
    case_list("my_resolved_cases", f"c.status = 'resolved' AND {mine_clause(caller)}" + bound("c.resolved_at"), "c.resolved_at DESC, c.id DESC")
    due = "COALESCE(a.due_on, substr(a.starts_at, 1, 10), '9999-12-31')"
    drafts = personal("email", "draft", False)
    statements.append(f"SELECT * FROM activities a WHERE a.organization_id = {org} AND {drafts[0]} ORDER BY {due} DESC, a.seq DESC "
                      f"LIMIT {TIER1_LIST_LIMIT};")
    counted([drafts])
    # myOpenActivities: three disjoint ranges of activities_by_person, paged range by range, counted from activity_counts.
    open_work = [personal("task", "open", True), personal("task", "open", False), personal("appointment", "scheduled", False)]
    ranges = [r for r, _ in open_work]
    firsts = " UNION ALL ".join(f"SELECT seq FROM (SELECT a.seq FROM activities a WHERE a.organization_id = {org} AND {r} "
                                f"ORDER BY {due}, a.seq LIMIT {TIER1_LIST_LIMIT}) AS firsts" for r in ranges)
    statements.append(f"SELECT * FROM activities a WHERE a.seq IN ({firsts}) ORDER BY {due}, a.seq LIMIT {TIER1_LIST_LIMIT};")
    counted(open_work)

    statements.append(appeals_due_sql(caller, today))

    def check(body):
        for key, ids in lists.items():
            problem = same_ids(key, [item["id"] for item in body[key]["items"]], ids)
            if problem:
                return problem
        return None
    return statements, check


def endpoints(sqlite, caller, today):
    """(label, path, file slug, SQL statements of the request's read transaction, check of the served JSON or None)."""
    out = []
    for view in VIEWS:
        out.append((f"cases view={view}", f"/v1/cases?view={view}", f"cases_{view}", *view_page_sql(sqlite, caller, view)))
    out.append(("cases view=open sort=-total_outstanding", "/v1/cases?view=open&sort=-total_outstanding", "cases_open_by_outstanding",
                *view_page_sql(sqlite, caller, "open", sort="total_outstanding", descending=True)))
    out.append(("cases view=open sort=deadline", "/v1/cases?view=open&sort=deadline", "cases_open_by_deadline",
                *view_page_sql(sqlite, caller, "open", sort="deadline", descending=False)))
    out.append(("views (counts)", "/v1/views", "views", *view_counts_sql(sqlite, caller)))
    out.append(("case-insights", "/v1/dashboards/case-insights", "case_insights", case_insights_sql(caller, today), None))
    out.append(("case-insights drill_down=owner", "/v1/dashboards/case-insights?drill_down=owner", "case_insights_owner",
                case_insights_sql(caller, today, "owner"), None))
    out.append(("case-insights drill_down=carc_code", "/v1/dashboards/case-insights?drill_down=carc_code", "case_insights_carc_code",
                case_insights_sql(caller, today, "carc_code"), None))
    out.append(("tier1 period=this_year", "/v1/dashboards/tier1?period=this_year", "tier1_this_year", *tier_one_sql(sqlite, caller, today)))
    return out
