"""Issue 12 item 2: what the billing page needs to correct — a claim's expected amount and write-off
(PATCH /v1/claims/{id}: audited, outstanding and the cases' totals follow) and a team's name and
members (PATCH /v1/teams/{id}: admins only, audited)."""
import schema_check
from conftest import Client
from remittance_support import fresh_org


def test_a_claim_correction_moves_outstanding_and_the_cases_totals(server):
    client, ids = fresh_org(server, "Correct")
    payer = client.post("/v1/payers", {"name": "Correction Payer"})[1]
    claim = client.post("/v1/claims", {"claim_number": "COR-1", "payer_id": payer["id"], "billed_cents": 12000,
                                       "expected_cents": 10000, "paid_cents": 2000, "cost_share_cents": 500})[1]
    case = client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "underpayment"})[1]
    assert case["totals"]["total_outstanding_cents"] == 7500

    status, corrected, _ = client.patch(f"/v1/claims/{claim['id']}", {"expected_cents": 9000, "write_off_cents": 1500})
    assert status == 200, corrected
    assert (corrected["expected_cents"], corrected["write_off_cents"], corrected["outstanding_cents"]) == (9000, 1500, 5000)
    assert client.get(f"/v1/cases/{case['id']}")[1]["totals"]["total_outstanding_cents"] == 5000
    [row] = client.all_pages("/v1/cases?view=all")
    assert row["total_outstanding_cents"] == 5000
    [event] = [e for e in client.all_pages(f"/v1/audit?entity_type=claim&entity_id={claim['id']}") if e["action"] == "correct"]
    assert event["changes"] == {"expected_cents": {"before": 10000, "after": 9000}, "write_off_cents": {"before": 0, "after": 1500}}

    def refused(body):
        status, problem, _ = client.patch(f"/v1/claims/{claim['id']}", body)
        assert status == 422, (body, status, problem)
        return sorted(e["pointer"] for e in problem["errors"])
    assert refused({"expected_cents": 12001}) == ["/expected_cents"]                     # above what was billed
    assert refused({"write_off_cents": 6501}) == ["/write_off_cents"]                    # above 9000 − 2000 − 500
    assert refused({"expected_cents": 3000}) == ["/write_off_cents"]                     # the kept write-off would not fit
    assert refused({"expected_cents": -1, "write_off_cents": -1}) == ["/expected_cents", "/write_off_cents"]
    assert refused({"expected_cents": None}) == ["/expected_cents"]
    assert refused({"paid_cents": 0}) == ["/paid_cents"]                                 # what the payer paid is not corrected here
    assert client.get(f"/v1/claims/{claim['id']}")[1]["expected_cents"] == 9000       # nothing of those was kept
    assert client.patch(f"/v1/claims/{claim['id']}", {"expected_cents": 3000, "write_off_cents": 500})[0] == 200
    assert client.patch("/v1/claims/clm_00000000000000000000000000000000", {"expected_cents": 1})[0] == 404
    status, unchanged, _ = Client(server.port, ids["biller_token"]).patch(f"/v1/claims/{claim['id']}", {})
    assert status == 200 and unchanged["expected_cents"] == 3000                          # billers correct claims; {} changes nothing


def test_a_team_is_renamed_and_its_members_replaced_by_an_admin(server):
    client, ids = fresh_org(server, "Team edit")
    team = client.post("/v1/teams", {"name": "Appeals", "member_ids": [ids["admin"]]})[1]
    status, changed, _ = client.patch(f"/v1/teams/{team['id']}", {"name": " Appeals East ", "member_ids": [ids["biller"], ids["biller"]]})
    assert status == 200, changed
    assert changed == {"id": team["id"], "name": "Appeals East", "member_ids": [ids["biller"]]}
    assert schema_check.problems("Team", changed) == []
    assert client.get(f"/v1/teams/{team['id']}")[1] == changed
    [event] = [e for e in client.all_pages(f"/v1/audit?entity_type=team&entity_id={team['id']}") if e["action"] == "update"]
    assert event["changes"]["name"] == {"before": "Appeals", "after": "Appeals East"}
    assert event["changes"]["member_ids"] == {"before": [ids["admin"]], "after": [ids["biller"]]}

    status, problem, _ = client.patch(f"/v1/teams/{team['id']}", {"member_ids": [ids["admin"], "usr_nobody"], "name": ""})
    assert status == 422 and sorted(e["pointer"] for e in problem["errors"]) == ["/name"]
    status, problem, _ = client.patch(f"/v1/teams/{team['id']}", {"member_ids": [ids["admin"], "usr_nobody"]})
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/member_ids/1"]
    client.post("/v1/teams", {"name": "Billing"})
    assert client.patch(f"/v1/teams/{team['id']}", {"name": "Billing"})[0] == 409
    assert client.patch(f"/v1/teams/{team['id']}", {"member_ids": None})[0] == 422
    assert Client(server.port, ids["biller_token"]).patch(f"/v1/teams/{team['id']}", {"name": "Mine"})[0] == 403
    assert client.patch("/v1/teams/team_00000000000000000000000000000000", {"name": "Ghost"})[0] == 404
    assert client.get(f"/v1/teams/{team['id']}")[1] == changed                       # none of the refused changes was kept
