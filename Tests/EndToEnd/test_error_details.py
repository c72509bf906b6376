"""Issue 9 item 11: errors name payers by name as well as id and point at the member at fault; system
timeline events carry numbers as JSON numbers and lists as JSON arrays."""
from remittance_support import fresh_org


def test_payer_mismatch_names_both_payers_and_a_foreign_submission_points_at_itself(server):
    client, _ = fresh_org(server, "Details")
    north = client.post("/v1/payers", {"name": "Northwind Health"})[1]
    lake = client.post("/v1/payers", {"name": "Lakeshore Mutual"})[1]

    def claim(number, payer):
        status, body, _ = client.post("/v1/claims", {"claim_number": number, "payer_id": payer["id"], "billed_cents": 100,
                                                     "expected_cents": 100, "submissions": [{"frequency_code": "1"}]})
        assert status == 201, body
        return body
    n1, n2, l1 = claim("D-N1", north), claim("D-N2", north), claim("D-L1", lake)

    status, problem, _ = client.post("/v1/cases", {"claims": [{"claim_id": n1["id"]}, {"claim_id": l1["id"]}], "subject": "other"})
    assert status == 422 and problem["type"] == "/problems/payer-mismatch"
    assert f"Lakeshore Mutual ({lake['id']})" in problem["detail"] and f"Northwind Health ({north['id']})" in problem["detail"], problem
    assert problem["claim_payer"] == {"id": lake["id"], "name": "Lakeshore Mutual"}
    assert problem["case_payer"] == {"id": north["id"], "name": "Northwind Health"}

    foreign = n2["submissions"][0]["id"]
    status, problem, _ = client.post("/v1/cases", {"claims": [{"claim_id": n2["id"]}, {"claim_id": n1["id"], "submission_id": foreign}],
                                                   "subject": "other"})
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/claims/1/submission_id"], problem


def test_system_events_carry_numbers_and_lists_as_json(server):
    client, _ = fresh_org(server, "Facts")
    payer = client.post("/v1/payers", {"name": "Facts Payer"})[1]
    claim = client.post("/v1/claims", {"claim_number": "F-1", "payer_id": payer["id"], "billed_cents": 100, "expected_cents": 100})[1]
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "other", "carc_codes": ["CO-16", "CO-45"]})
    assert status == 201
    tasks = [client.post(f"/v1/cases/{case['id']}/activities", {"kind": "task", "subject": f"T{n}"})[1]["id"] for n in range(2)]
    status, _, _ = client.post(f"/v1/cases/{case['id']}/resolve", {"resolved_carc_codes": ["CO-16", "CO-45"], "cancel_open_activities": True})
    assert status == 200
    events = {a["event"]: a["facts"] for a in client.all_pages(f"/v1/cases/{case['id']}/activities") if a["kind"] == "system"}
    assert events["open_activities_canceled"] == {"count": 2, "activity_ids": tasks}
    assert events["carc_codes_resolved"] == {"codes": ["CO-16", "CO-45"]}
