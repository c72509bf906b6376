"""Payments on cases and deadlines (issue 8 items 5 and 6): a later 835 that pays every claim of an
awaiting-payment case resolves it (setting on) or flags it (off); appeal and filing deadlines."""
import datetime

import x12_builder as x12
from remittance_support import fresh_org, post_835

PAYER = ("SUMMIT HEALTH PLAN", "SHP01")


def denied_then_case(client, prefix):
    denied = [x12.claim_with_paid(f"{prefix}-A", 0, cas=[("CO", "16", 10000)]),
              x12.claim_with_paid(f"{prefix}-B", 0, cas=[("CO", "16", 5000), ("CO", "252", 5000)])]
    status, body, _ = post_835(client, x12.file(denied, trace=f"{prefix}-DENY", payer=PAYER, date="20261102"))
    assert status == 201, body
    claims = {c["claim_number"]: c for c in client.all_pages(f"/v1/claims?denied=true")}
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claims[f"{prefix}-A"]["id"]}, {"claim_id": claims[f"{prefix}-B"]["id"]}],
                                                "subject": "missing information", "carc_codes": ["CO-16", "CO-252"]})
    assert status == 201, case
    status, case, _ = client.patch(f"/v1/cases/{case['id']}", {"stage": "awaiting_payment"})
    assert status == 200
    return case


def pay(client, prefix, numbers, trace):
    paid = [x12.claim_with_paid(n, 10000) for n in numbers]
    status, body, _ = post_835(client, x12.file(paid, trace=trace, payer=PAYER, date="20261120"))
    assert status == 201, body
    return body["payments"][0]


def events(client, case_id):
    return [a for a in client.all_pages(f"/v1/cases/{case_id}/activities") if a["kind"] == "system"]


def test_paid_awaiting_payment_case_resolves_when_the_setting_is_on(server):
    client, _ = fresh_org(server, "Autoresolve")
    status, settings, _ = client.patch("/v1/settings", {"auto_resolve_paid_cases": True})
    assert status == 200 and settings == {"auto_resolve_paid_cases": True, "time_zone": "UTC"}
    case = denied_then_case(client, "AR")

    first = pay(client, "AR", ["AR-A"], "AR-PAY1")
    assert [c["id"] for c in first["cases_updated"]] == [case["id"]]
    status, now, _ = client.get(f"/v1/cases/{case['id']}")
    assert now["status"] == "active" and now["resolved_carc_codes"] == [], "one claim is still unpaid"
    payments = [e for e in events(client, case["id"]) if e["event"] == "payment_posted"]
    assert [(e["facts"]["claim_number"], e["facts"]["amount_cents"], e["facts"]["trace_number"], e["facts"]["payment_date"])
            for e in payments] == [("AR-A", 10000, "AR-PAY1", "2026-11-20")]

    second = pay(client, "AR", ["AR-B"], "AR-PAY2")
    assert second["cases_updated"][0]["changes"][-1] == "resolved"
    status, done, _ = client.get(f"/v1/cases/{case['id']}")
    assert done["status"] == "resolved" and "AR-PAY2" in done["resolution_note"]
    assert sorted(done["resolved_carc_codes"]) == ["CO-16", "CO-252"], "no CARC remains on the claims' newest remits"
    assert done["totals"]["total_outstanding_cents"] == 0
    assert [c["active_case"] for c in client.all_pages("/v1/claims?claim_number=AR-B")] == [None]


def test_paid_awaiting_payment_case_is_flagged_when_the_setting_is_off(server):
    client, _ = fresh_org(server, "Flag paid")
    assert client.get("/v1/settings")[1] == {"auto_resolve_paid_cases": False, "time_zone": "UTC"}
    status, problem, _ = client.patch("/v1/settings", {"auto_resolve": True})
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/auto_resolve"]
    case = denied_then_case(client, "FL")
    pay(client, "FL", ["FL-A", "FL-B"], "FL-PAY")
    status, now, _ = client.get(f"/v1/cases/{case['id']}")
    assert now["status"] == "active" and now["payment_received"] is True
    assert "payment_received" in [e["event"] for e in events(client, case["id"])]
    flagged = client.all_pages("/v1/cases?view=awaiting_payment&payment_received=true")
    assert [c["id"] for c in flagged] == [case["id"]]
    assert client.all_pages("/v1/cases?view=awaiting_payment&payment_received=false") == []


def test_denial_on_a_claim_with_an_active_case_is_noted_there(server):
    client, _ = fresh_org(server, "Rule one")
    case = denied_then_case(client, "R1")
    again = [x12.claim_with_paid("R1-A", 0, cas=[("CO", "197", 10000)])]
    status, body, _ = post_835(client, x12.file(again, trace="R1-AGAIN", payer=PAYER, date="20261125"))
    assert status == 201
    [denial] = body["payments"][0]["denials"]
    assert denial["outcome"] == "noted_on_case" and denial["case"]["id"] == case["id"]
    status, now, _ = client.get(f"/v1/cases/{case['id']}")
    assert "CO-197" in now["carc_codes"]
    assert any(e["event"] == "denial_posted" and e["facts"]["claim_number"] == "R1-A" for e in events(client, case["id"]))
    assert body["payments"][0]["cases_opened"] == []


def test_deadlines_follow_the_payers_days(server):
    client, _ = fresh_org(server, "Deadlines")
    case = denied_then_case(client, "DL")
    claim = client.all_pages("/v1/claims?claim_number=DL-A")[0]
    status, detail, _ = client.get(f"/v1/claims/{claim['id']}")
    assert detail["appeal_deadline"] is None and detail["filing_deadline"] is None and case["deadline"] is None
    status, payer, _ = client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": 30, "timely_filing_days": 90})
    assert status == 200 and payer["appeal_days"] == 30
    status, detail, _ = client.get(f"/v1/claims/{claim['id']}")
    assert detail["appeal_deadline"] == "2026-12-02"        # paid 2026-11-02 + 30 days
    assert detail["filing_deadline"] == "2026-12-30"        # service 2026-10-01 + 90 days
    status, now, _ = client.get(f"/v1/cases/{case['id']}")
    assert now["deadline"] == "2026-12-02"
    rows = client.all_pages("/v1/cases?view=open&deadline_before=2026-12-03&sort=deadline")
    assert [r["id"] for r in rows] == [case["id"]] and rows[0]["deadline"] == "2026-12-02"
    assert client.all_pages("/v1/cases?view=open&deadline_before=2026-12-02") == []
    assert client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": 0})[0] == 422
    assert client.patch(f"/v1/payers/{claim['payer_id']}", {"color": "red"})[0] == 422
    status, payer, _ = client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": None})
    assert status == 200 and payer["appeal_days"] is None
    assert client.get(f"/v1/cases/{case['id']}")[1]["deadline"] is None


def test_dashboards_count_appeals_by_how_soon_they_are_due(server):
    client, _ = fresh_org(server, "Appeals due")
    case = denied_then_case(client, "AD")
    claim = client.all_pages("/v1/claims?claim_number=AD-A")[0]
    today = datetime.date.today()
    paid_on = datetime.date(2026, 11, 2)
    insights = client.get("/v1/dashboards/case-insights")[1]
    assert insights["appeals_due"] == {"past_due": 0, "due_within_7_days": 0, "due_within_30_days": 0}
    # Appeal days chosen so the deadline falls 5 days from today: due within 7 and within 30.
    days = (today - paid_on).days + 5
    assert client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": days})[0] == 200
    expected = {"past_due": 0, "due_within_7_days": 1, "due_within_30_days": 1}
    assert client.get("/v1/dashboards/case-insights")[1]["appeals_due"] == expected
    assert client.get("/v1/dashboards/tier1")[1]["appeals_due"] == expected
    assert client.get("/v1/dashboards/case-insights?subject=authorization")[1]["appeals_due"]["due_within_7_days"] == 0
    # Twenty days out: only within 30; then in the past.
    assert client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": days + 15})[0] == 200
    assert client.get("/v1/dashboards/tier1")[1]["appeals_due"] == {"past_due": 0, "due_within_7_days": 0, "due_within_30_days": 1}
    assert client.patch(f"/v1/payers/{claim['payer_id']}", {"appeal_days": days - 10})[0] == 200
    assert client.get("/v1/dashboards/tier1")[1]["appeals_due"] == {"past_due": 1, "due_within_7_days": 0, "due_within_30_days": 0}
    assert client.post(f"/v1/cases/{case['id']}/cancel", {})[0] == 200
    assert client.get("/v1/dashboards/tier1")[1]["appeals_due"]["past_due"] == 0


def test_payment_received_clears_when_the_case_moves_on(server):
    client, _ = fresh_org(server, "Flag clears")
    case = denied_then_case(client, "FC")
    pay(client, "FC", ["FC-A", "FC-B"], "FC-PAY")
    assert client.get(f"/v1/cases/{case['id']}")[1]["payment_received"] is True
    status, moved, _ = client.patch(f"/v1/cases/{case['id']}", {"stage": "in_progress"})
    assert status == 200 and moved["payment_received"] is False
