"""Issue 9 item 14: find cases and claims by claim number, payer claim number, patient name and case number
(`q=`), list canceled cases (`status=`), and the organization's open and overdue tasks and appointments."""
import datetime

import schema_check
from remittance_support import fresh_org


def world(server):
    client, ids = fresh_org(server, "Find")
    payer = client.post("/v1/payers", {"name": "Find Payer"})[1]
    dana = client.post("/v1/patients", {"first_name": "Dana", "last_name": "Whitfield"})[1]
    omar = client.post("/v1/patients", {"first_name": "Omar", "last_name": "Okafor"})[1]
    claims = {}
    for number, patient, pcn in (("FND-100", dana, "PCN-7781"), ("FND-200", omar, "PCN-9902"), ("50%_OFF", None, None)):
        body = {"claim_number": number, "payer_id": payer["id"], "billed_cents": 100, "expected_cents": 100,
                "submissions": [{"frequency_code": "1", "payer_claim_number": pcn}] if pcn else []}
        if patient:
            body["patient_id"] = patient["id"]
        status, claims[number], _ = client.post("/v1/claims", body)
        assert status == 201, claims[number]
    cases = {}
    for number in claims:
        status, cases[number], _ = client.post("/v1/cases", {"claims": [{"claim_id": claims[number]["id"]}], "subject": "other"})
        assert status == 201
    return client, ids, claims, cases


def test_q_finds_claims_and_cases_by_every_name_a_person_uses(server):
    client, _, claims, cases = world(server)

    def found(path):
        return {r.get("claim_number") or r["number"] for r in client.all_pages(path)}
    assert found("/v1/claims?q=fnd-1") == {"FND-100"}                     # part of a claim number, any case
    assert found("/v1/claims?q=9902") == {"FND-200"}                      # a payer claim number
    assert found("/v1/claims?q=whitfield") == {"FND-100"}                 # the patient's last name
    assert found("/v1/claims?q=Omar%20Okafor") == {"FND-200"}             # first and last
    assert found("/v1/claims?q=Okafor%20Omar") == {"FND-200"}             # last and first
    assert found("/v1/claims?q=%25") == {"50%_OFF"}                       # wildcards are taken literally
    assert found("/v1/claims?q=_") == {"50%_OFF"}
    assert found("/v1/claims?q=nobody") == set()

    by_number = {c["number"]: name for name, c in cases.items()}
    second = cases["FND-200"]["number"]
    assert {by_number[n] for n in found(f"/v1/cases?q={second}")} == {"FND-200"}
    assert {by_number[n] for n in found(f"/v1/cases?q={int(second.split('-')[1])}")} == {"FND-200"}
    assert {by_number[n] for n in found("/v1/cases?q=PCN-7781")} == {"FND-100"}
    assert {by_number[n] for n in found("/v1/cases?view=open&q=dana")} == {"FND-100"}
    for bad in ("q=", "q=%20%20", "q=" + "x" * 101):
        status, body, _ = client.get(f"/v1/cases?{bad}")
        assert status == 400 and [e["parameter"] for e in body["errors"]] == ["q"], bad


def test_status_lists_the_canceled_cases(server):
    client, _, _, cases = world(server)
    canceled = cases["FND-200"]["id"]
    assert client.post(f"/v1/cases/{canceled}/cancel")[0] == 200
    assert [r["id"] for r in client.all_pages("/v1/cases?status=canceled")] == [canceled]
    assert canceled not in {r["id"] for r in client.all_pages("/v1/cases?status=active")}
    assert client.all_pages("/v1/cases?view=open&status=canceled") == []     # a status within a view narrows it
    status, body, _ = client.get("/v1/cases?status=closed")
    assert status == 400 and [e["parameter"] for e in body["errors"]] == ["status"]


def test_open_work_across_the_organization(server):
    client, ids, _, cases = world(server)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first, second = cases["FND-100"], cases["FND-200"]

    def add(case, body):
        status, activity, _ = client.post(f"/v1/cases/{case['id']}/activities", body)
        assert status == 201, activity
        return activity["id"]
    late = add(first, {"kind": "task", "subject": "Late", "due_on": str(today - datetime.timedelta(days=2)), "assignee_id": ids["biller"]})
    soon = add(second, {"kind": "task", "subject": "Soon", "due_on": str(today + datetime.timedelta(days=3))})
    undated = add(second, {"kind": "task", "subject": "Whenever"})
    past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    missed = add(first, {"kind": "appointment", "subject": "Missed call", "starts_at": past, "ends_at": past})
    booked = add(second, {"kind": "appointment", "subject": "Booked", "starts_at": later, "ends_at": later})
    done = add(first, {"kind": "task", "subject": "Done", "due_on": str(today)})
    assert client.patch(f"/v1/activities/{done}", {"state": "completed"})[0] == 200
    add(first, {"kind": "note", "subject": "A note is not work"})

    rows = client.all_pages("/v1/activities", limit=1)
    assert [r["id"] for r in rows] == [late, missed, booked, soon, undated]
    assert {r["id"]: r["case_number"] for r in rows}[late] == first["number"]
    status, page, _ = client.get("/v1/activities")
    assert status == 200 and schema_check.problems("OpenWorkPage", page) == []
    assert schema_check.problems("ActivityPage", client.get(f"/v1/cases/{first['id']}/activities")[1]) == []
    assert [r["id"] for r in client.all_pages("/v1/activities?overdue=true")] == [late, missed]
    assert [r["id"] for r in client.all_pages(f"/v1/activities?assignee_id={ids['biller']}")] == [late]
    assert [r["id"] for r in client.all_pages("/v1/activities?assignee_id=none")] == [soon, undated]
    assert [r["id"] for r in client.all_pages(f"/v1/activities?assignee_id={ids['admin']}&kind=appointment")] == [missed, booked]
    status, body, _ = client.get("/v1/activities?kind=note")
    assert status == 400 and [e["parameter"] for e in body["errors"]] == ["kind"]
