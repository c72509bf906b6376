"""Dashboards and views after a scripted day of work on the real claims, checked against an
independent model (dashboard_model.py), plus the polling behaviour widgets rely on."""
import datetime
import itertools
import urllib.parse

import pytest

from dashboard_model import Model, denial_codes, outstanding, server_insights

SUBJECTS = ["authorization", "timely filing", "missing information", "coding error"]
PRIORITIES = ["high", "normal", "low"]


@pytest.fixture(scope="module")
def world(dash_client, server, fixture_data):
    """Runs the script once; returns (client, model, ids)."""
    c = dash_client
    other = type(c)(c.port, server.dash_other_token)
    _, me, _ = c.get("/v1/me")
    _, eli, _ = other.get("/v1/me")
    me, eli = me["user"]["id"], eli["user"]["id"]
    status, team, _ = c.post("/v1/teams", {"name": "Appeals", "member_ids": [me, eli]})
    assert status == 201
    claims = {x["claim_number"]: x for x in c.all_pages("/v1/claims")}
    entries = {e["claim_number"]: e for e in fixture_data["claims"]}
    model = Model({claims[n]["id"]: outstanding(e) for n, e in entries.items()})
    denied = [e for e in fixture_data["claims"] if denial_codes(e)]
    by_payer = {}
    for e in denied:
        by_payer.setdefault(e["payer"], []).append(e)
    owners = itertools.cycle([f"user:{me}", f"user:{eli}", f"team:{team['id']}", None])

    def open_case(numbers, i):
        owner = next(owners)
        codes = denial_codes(entries[numbers[0]])[: 1 + i % 2] if i % 5 else []
        body = {"claims": [{"claim_id": claims[n]["id"]} for n in numbers], "subject": SUBJECTS[i % 4],
                "priority": PRIORITIES[i % 3], "carc_codes": codes}
        if owner:
            kind, oid = owner.split(":")
            body["owner"] = {"type": kind, "id": oid}
        status, case, _ = c.post("/v1/cases", body)
        assert status == 201, case
        model.cases[case["id"]] = {
            "payer_id": claims[numbers[0]]["payer_id"], "subject": SUBJECTS[i % 4], "owner": owner, "carc_codes": codes,
            "status": "active", "stage": "new", "priority": PRIORITIES[i % 3], "claims": [claims[n]["id"] for n in numbers],
            "created_on": case["created_at"][:10], "resolved_on": None,
        }
        return case["id"]

    mine = {f"user:{me}", f"team:{team['id']}"}

    def checkpoint():
        """After every step: each view's members and the un-drilled Case Insights match the model."""
        for view, ids_expected in view_members(model, mine).items():
            assert {r["id"] for r in c.all_pages(f"/v1/cases?view={view}", limit=3)} == ids_expected, view
        status, body, _ = c.get("/v1/dashboards/case-insights")
        assert server_insights(body, None) == model.insights({}, None)

    ids = []
    groups = sorted(by_payer.values(), key=len, reverse=True)
    singles = [e["claim_number"] for g in groups for e in g[:3]][:12]
    bulk = [e["claim_number"] for e in groups[0][3:6]]
    for i, number in enumerate(singles):
        ids.append(open_case([number], i))
        checkpoint()
    ids.append(open_case(bulk, len(ids)))
    checkpoint()

    def stage(case_id, to):
        status, body, _ = c.patch(f"/v1/cases/{case_id}", {"stage": to})
        assert status == 200, body
        model.cases[case_id]["stage"] = to
        checkpoint()

    def activity(case_id, body, client=c, who=me):
        status, made, _ = client.post(f"/v1/cases/{case_id}/activities", body)
        assert status == 201, made
        model.activities[made["id"]] = {"kind": body["kind"], "state": made["state"], "assignee_id": made["assignee_id"],
                                        "created_by": who, "case_id": case_id}
        return made["id"]

    for case_id in ids[1:5]:
        stage(case_id, "in_progress")
    for case_id in ids[5:8]:
        stage(case_id, "awaiting_payment")
    stage(ids[6], "in_progress")

    today = datetime.date.fromisoformat(model.cases[ids[0]]["created_on"])
    task1 = activity(ids[0], {"kind": "task", "subject": "Call payer", "due_on": str(today + datetime.timedelta(days=3)), "assignee_id": me})
    activity(ids[0], {"kind": "task", "subject": "Unassigned follow-up", "due_on": str(today + datetime.timedelta(days=1))})
    activity(ids[1], {"kind": "task", "subject": "Eli's task", "assignee_id": eli})
    activity(ids[2], {"kind": "appointment", "subject": "Peer-to-peer review", "starts_at": f"{today + datetime.timedelta(days=2)}T15:00:00Z",
                      "ends_at": f"{today + datetime.timedelta(days=2)}T15:30:00Z"})
    activity(ids[2], {"kind": "email", "subject": "Appeal draft", "direction": "outbound"})
    activity(ids[3], {"kind": "email", "subject": "Eli's draft", "direction": "outbound"}, client=other, who=eli)
    activity(ids[3], {"kind": "email", "subject": "Payer reply", "direction": "inbound"})
    activity(ids[4], {"kind": "note", "subject": "Spoke to provider relations"})
    activity(ids[4], {"kind": "phone_call", "subject": "Payer IVR", "direction": "outbound"})
    done = activity(ids[4], {"kind": "task", "subject": "Done already", "assignee_id": me})
    status, body, _ = c.patch(f"/v1/activities/{done}", {"state": "completed"})
    assert status == 200 and body["state"] == "completed"
    model.activities[done]["state"] = "completed"

    # Resolving with open work needs consent; with it, the work is canceled too.
    status, problem, _ = c.post(f"/v1/cases/{ids[0]}/resolve", {"note": "Paid"})
    assert status == 409 and problem["type"] == "/problems/open-activities"
    assert {a["id"] for a in problem["open_activities"]} == {a for a, v in model.activities.items() if v["case_id"] == ids[0]}
    status, body, _ = c.post(f"/v1/cases/{ids[0]}/resolve", {"note": "Paid", "cancel_open_activities": True})
    assert status == 200 and body["status"] == "resolved" and body["open_tasks"] == []
    for a, v in model.activities.items():
        if v["case_id"] == ids[0]:
            v["state"] = "canceled"
    model.cases[ids[0]].update(status="resolved", resolved_on=today.isoformat())
    checkpoint()
    status, body, _ = c.get(f"/v1/activities/{task1}")
    assert body["state"] == "canceled"
    for case_id in [ids[8], ids[10]]:
        status, body, _ = c.post(f"/v1/cases/{case_id}/resolve")
        assert status == 200
        model.cases[case_id].update(status="resolved", resolved_on=today.isoformat())
        checkpoint()
    status, body, _ = c.post(f"/v1/cases/{ids[9]}/cancel", {"note": "Duplicate work"})
    assert status == 200
    model.cases[ids[9]]["status"] = "canceled"
    checkpoint()
    return {"client": c, "model": model, "ids": ids, "me": me, "eli": eli, "team": team["id"], "today": today}


def view_members(model, mine):
    cases = model.cases
    return {
        "all": set(cases), "open": {i for i, x in cases.items() if x["status"] == "active"},
        "my_open": {i for i, x in cases.items() if x["status"] == "active" and x["owner"] in mine},
        "in_progress": {i for i, x in cases.items() if x["status"] == "active" and x["stage"] == "in_progress"},
        "awaiting_payment": {i for i, x in cases.items() if x["status"] == "active" and x["stage"] == "awaiting_payment"},
        "resolved": {i for i, x in cases.items() if x["status"] == "resolved"},
    }


def insights_cases(world):
    m = world["model"]
    some_case = m.cases[world["ids"][1]]
    carc = next(code for case in m.cases.values() for code in case["carc_codes"])
    tomorrow = str(world["today"] + datetime.timedelta(days=1))
    return [
        {}, {"payer_id": some_case["payer_id"]}, {"subject": "timely filing"}, {"owner": f"user:{world['me']}"},
        {"owner": f"team:{world['team']}"}, {"carc_code": carc}, {"created_after": str(world["today"])},
        {"created_before": str(world["today"])}, {"created_after": tomorrow},
        {"payer_id": some_case["payer_id"], "subject": some_case["subject"]},
    ]


def test_case_insights_match_the_model_for_every_drill_down_and_filter(world):
    c, m = world["client"], world["model"]
    for filters in insights_cases(world):
        for drill in [None, "owner", "carc_code"]:
            query = dict(filters, **({"drill_down": drill} if drill else {}))
            url = "/v1/dashboards/case-insights?" + urllib.parse.urlencode(query)
            status, body, _ = c.get(url)
            assert status == 200, (url, body)
            assert server_insights(body, drill) == m.insights(filters, drill), url


def test_tier1_matches_the_model(world):
    c, m, me = world["client"], world["model"], world["me"]
    status, body, _ = c.get("/v1/dashboards/tier1?period=this_quarter&list_limit=5")
    assert status == 200
    today = world["today"]
    quarter_start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    expected = m.tier1(me, [world["team"]], lambda day: day is not None and day >= str(quarter_start))
    assert {r["priority"]: r["count"] for r in body["by_priority"]} == expected["by_priority"]
    assert {r["payer"]["id"]: r["count"] for r in body["by_payer"]} == expected["by_payer"]
    assert {r["status"]: r["count"] for r in body["by_status"]} == expected["by_status"]
    assert body["active_cases"]["total"] == expected["active_cases"]
    assert len(body["active_cases"]["items"]) == min(5, expected["active_cases"])
    assert body["my_resolved_cases"]["total"] == expected["my_resolved_cases"]
    assert body["my_draft_emails"]["total"] == expected["my_draft_emails"]
    assert body["my_open_activities"]["total"] == len(expected["my_open_activities"])
    assert sorted(a["id"] for a in body["my_open_activities"]["items"]) == expected["my_open_activities"]
    dues = [a["due_on"] or (a["starts_at"] or "")[:10] or "9999-12-31" for a in body["my_open_activities"]["items"]]
    assert dues == sorted(dues)
    status, past, _ = c.get("/v1/dashboards/tier1?from=2020-01-01&to=2020-12-31")
    assert status == 200 and past["by_status"] == [] and past["active_cases"]["total"] == 0
    assert past["my_draft_emails"]["total"] == expected["my_draft_emails"]


def test_views_match_the_model_and_count(world):
    c, m, me = world["client"], world["model"], world["me"]
    expected = view_members(m, {f"user:{me}", f"team:{world['team']}"})
    status, views, _ = c.get("/v1/views")
    assert {v["view"]: v["count"] for v in views["items"]} == {k: len(v) for k, v in expected.items()}
    for view, ids in expected.items():
        assert {r["id"] for r in c.all_pages(f"/v1/cases?view={view}", limit=3)} == ids, view
    rows = c.all_pages("/v1/cases?view=open&sort=-total_outstanding", limit=4)
    totals = [r["total_outstanding_cents"] for r in rows]
    assert totals == sorted(totals, reverse=True)
    for r in rows:
        assert r["total_outstanding_cents"] == sum(m.claim_outstanding[x] for x in m.cases[r["id"]]["claims"])


def test_paging_returns_every_row_once_while_cases_are_inserted(world, fixture_data):
    c, m = world["client"], world["model"]
    before = set(m.cases)
    free = [x for x in c.all_pages("/v1/claims?has_active_case=false") if x["denied"]]
    seen, cursor, inserted = [], None, 0
    while True:
        status, page, _ = c.get("/v1/cases?view=all&limit=3" + (f"&cursor={cursor}" if cursor else ""))
        assert status == 200
        seen += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        status, made, _ = c.post("/v1/cases", {"claims": [{"claim_id": free[inserted]["id"]}], "subject": "other"})
        assert status == 201
        inserted += 1
        m.cases[made["id"]] = {"payer_id": made["payer"]["id"], "subject": "other", "owner": None, "carc_codes": [], "status": "active",
                               "stage": "new", "priority": "normal", "claims": [free[inserted - 1]["id"]],
                               "created_on": made["created_at"][:10], "resolved_on": None}
        if not cursor:
            break
    assert len(seen) == len(set(seen))
    assert before <= set(seen)


def test_polling_an_unchanged_dashboard_costs_a_304(world):
    c = world["client"]
    url = "/v1/dashboards/case-insights?drill_down=owner"
    status, body, headers = c.get(url)
    etag = headers["etag"]
    for _ in range(100):
        status, again, h = c.get(url, headers={"If-None-Match": etag})
        assert status == 304 and again is None and h["etag"] == etag
    case_id = next(i for i, x in world["model"].cases.items() if x["status"] == "active" and x["stage"] != "in_progress")
    status, _, _ = c.patch(f"/v1/cases/{case_id}", {"stage": "in_progress"})
    world["model"].cases[case_id]["stage"] = "in_progress"
    status, fresh, h = c.get(url, headers={"If-None-Match": etag})
    assert status == 200 and h["etag"] != etag
    assert server_insights(fresh, "owner") == world["model"].insights({}, "owner")


def test_case_etag_follows_the_timeline(world):
    c = world["client"]
    case_id = world["ids"][3]
    status, case, headers = c.get(f"/v1/cases/{case_id}")
    status, _, _ = c.get(f"/v1/cases/{case_id}", headers={"If-None-Match": headers["etag"]})
    assert status == 304
    status, _, _ = c.post(f"/v1/cases/{case_id}/activities", {"kind": "task", "subject": "New task"})
    status, changed, h = c.get(f"/v1/cases/{case_id}", headers={"If-None-Match": headers["etag"]})
    assert status == 200 and "New task" in changed["open_tasks"]
    status, timeline, _ = c.get(f"/v1/cases/{case_id}/activities?limit=100")
    kinds = [a["kind"] for a in timeline["items"]]
    assert kinds[0] == "task"
    assert any(a["kind"] == "system" and a["event"] == "stage_changed" for a in timeline["items"])
    assert timeline["items"][-1]["event"] == "case_opened"


def test_csv_export_has_the_view_rows(world):
    c = world["client"]
    import csv
    import http.client
    import io
    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=30)
    conn.request("GET", "/v1/cases?view=open", headers={"Authorization": "Bearer " + c.token, "Accept": "text/csv"})
    resp = conn.getresponse()
    text = resp.read().decode()
    assert resp.status == 200 and resp.getheader("Content-Type").startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["number", "payer", "patient"]
    numbers = [r["number"] for r in c.all_pages("/v1/cases?view=open")]
    assert [r[0] for r in rows[1:]] == numbers
    assert text.endswith("\r\n")


def test_tier1_periods_reach_the_last_day_of_the_calendar(world):
    """Issue 9 item 3: `to=9999-12-31` once answered every figure empty (its next midnight, year 10000,
    sorted before every instant); the last possible day must count like any other."""
    c, m, me = world["client"], world["model"], world["me"]
    everything = m.tier1(me, [world["team"]], lambda day: day is not None)
    for to in ("9999-12-30", "9999-12-31"):
        status, body, _ = c.get(f"/v1/dashboards/tier1?from=0001-01-01&to={to}")
        assert status == 200, body
        assert {r["status"]: r["count"] for r in body["by_status"]} == everything["by_status"], to
        assert body["active_cases"]["total"] == everything["active_cases"] > 0, to
    for bad in ("to=10000-01-01", "from=2026-02-30", "to=2026-13-01", "from=-0001-01-01"):
        status, body, _ = c.get(f"/v1/dashboards/tier1?{bad}")
        assert status == 400 and body["type"] == "/problems/invalid-query", (bad, body)
        assert [e["parameter"] for e in body["errors"]] == [bad.split("=")[0]], (bad, body)


def test_rows_csv_and_claims_carry_ages_and_the_aging_filter_checks_its_value(world):
    """Issue 9 items 15 and 16: ages and aging buckets in rows, claims and Case Insights; the CSV carries
    the case id, claim numbers, CARCs, created date and age after the columns it had."""
    import csv
    import http.client
    import io
    c, today = world["client"], world["today"]
    rows = c.all_pages("/v1/cases?view=open")
    assert rows and all(r["age_days"] == (today - datetime.date.fromisoformat(r["created_at"][:10])).days for r in rows)
    assert all(r["aging_bucket"] == "0-30" and r["claim_numbers"] for r in rows)     # the world's cases were opened today
    assert {r["id"] for r in c.all_pages("/v1/cases?view=open&aging_bucket=0-30")} == {r["id"] for r in rows}
    assert c.all_pages("/v1/cases?view=open&aging_bucket=120%2B") == []
    status, body, _ = c.get("/v1/cases?aging_bucket=0-29")
    assert status == 400 and [e["parameter"] for e in body["errors"]] == ["aging_bucket"]

    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=30)
    conn.request("GET", "/v1/cases?view=open", headers={"Authorization": "Bearer " + c.token, "Accept": "text/csv"})
    table = list(csv.DictReader(io.StringIO(conn.getresponse().read().decode())))
    assert list(table[0].keys())[:3] == ["number", "payer", "patient"]
    by_id = {r["id"]: r for r in rows}
    for record in table:
        row = by_id[record["id"]]
        assert record["number"] == row["number"] and record["claim_numbers"] == "; ".join(row["claim_numbers"])
        assert record["carc_codes"] == " ".join(row["carc_codes"]) and record["created_on"] == row["created_at"][:10]
        assert int(record["age_days"]) == row["age_days"] and record["aging_bucket"] == row["aging_bucket"]

    claim = c.all_pages("/v1/claims")[0]
    dates = [s["submitted_on"] for s in claim["submissions"] if s["submitted_on"]]
    start = min(dates) if dates else claim["service_start"]
    assert claim["age_days"] == ((today - datetime.date.fromisoformat(start)).days if start else None)

    status, insights, _ = c.get("/v1/dashboards/case-insights")
    aging = insights["outstanding_by_aging_bucket"]
    assert aging and {a["aging_bucket"] for a in aging} <= {"0-30", "31-60", "61-90", "91-120", "120+", None}
    assert sum(a["outstanding_cents"] for a in aging) == sum(o["outstanding_cents"] for o in insights["outstanding_by_payer_subject"])


def test_carc_drill_down_rows_carry_the_codes_meaning(world):
    """Issue 9 item 12: every place that shows a code shows its description."""
    c = world["client"]
    meaning = {e["code"]: e["description"] for e in c.get("/v1/codes/carc")[1]["items"]}
    status, body, _ = c.get("/v1/dashboards/case-insights?drill_down=carc_code")
    assert status == 200
    rows = [r for figure in ("open_by_subject", "by_status", "open_by_payer", "outstanding_by_payer_subject", "status_counts",
                             "outstanding_by_aging_bucket") for r in body[figure]]
    assert any(r["carc_code"] for r in rows) and any(r["carc_description"] for r in rows)
    for r in rows:
        expected = meaning.get(r["carc_code"].split("-", 1)[1]) if r["carc_code"] else None
        assert r["carc_description"] == expected, r
    assert "carc_description" not in c.get("/v1/dashboards/case-insights")[1]["open_by_subject"][0]
