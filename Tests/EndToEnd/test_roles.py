"""Each role against each mutating operation of openapi.yaml: a viewer changes nothing, a biller
works cases and claims, only an admin manages users, teams and payers (and reads the audit log)."""
import pathlib
import re

import yaml

from test_tenancy import SPEC, bodies

ADMIN_ONLY = {("post", "/v1/users"), ("post", "/v1/teams"), ("post", "/v1/payers"), ("post", "/v1/subjects"), ("get", "/v1/audit"),
              ("patch", "/v1/payers/{id}"), ("post", "/v1/rules"), ("patch", "/v1/rules/{id}"), ("delete", "/v1/rules/{id}"),
              ("put", "/v1/denial-categories/{carc}"), ("patch", "/v1/settings"), ("patch", "/v1/teams/{id}")}
ANY_ROLE = {("post", "/v1/tokens"), ("delete", "/v1/tokens/{id}")}


def operations():
    spec = yaml.safe_load(SPEC.read_text())
    for path, ops in spec["paths"].items():
        for method in ops:
            if method in ("post", "patch", "delete") or (method, path) in ADMIN_ONLY:
                yield method, path


def test_roles_gate_every_change(server, client, fixture_data):
    viewer = type(client)(client.port, server.viewer_token)
    biller = type(client)(client.port, server.biller_token)
    ids = {"id": "x_" + "0" * 32, "claim_id": "clm_" + "0" * 32, "carc": "16"}
    known = bodies({"user": ids["id"], "payer": ids["id"], "patient": ids["id"], "claim": ids["claim_id"], "case": ids["id"]})
    checked = 0
    for method, path in operations():
        url = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)
        body = known.get((method, path))
        status, problem, _ = viewer.request(method.upper(), url, body=body)
        if (method, path) in ANY_ROLE:
            assert status != 403, f"{method.upper()} {path}: any role may manage its own tokens"
        else:
            assert status == 403 and problem["type"] == "/problems/forbidden", f"viewer {method.upper()} {path} -> {status}"
        status, problem, _ = biller.request(method.upper(), url, body=body)
        if (method, path) in ADMIN_ONLY:
            assert status == 403, f"biller {method.upper()} {path} -> {status}"
        else:
            assert status != 403, f"biller {method.upper()} {path} -> 403"
        checked += 1
    assert checked >= 22
    # Nothing the viewer sent became a change: the only new audit events are the token issued above.
    events = client.all_pages("/v1/audit?actor_id=" + viewer.get("/v1/me")[1]["user"]["id"])
    assert {e["action"] for e in events} <= {"create", "revoke"} and all(e["entity_type"] == "token" for e in events)


def test_only_people_who_can_work_cases_own_them_or_are_assigned_tasks(server, client):
    """Issue 9 item 7: a viewer made owner or assignee could not do the work (403 on every change). Owners
    and assignees are billers, admins or (owners) teams; a team's viewers do not count its cases as their own."""
    viewer = type(client)(client.port, server.viewer_token)
    viewer_id = viewer.get("/v1/me")[1]["user"]["id"]
    biller_id = type(client)(client.port, server.biller_token).get("/v1/me")[1]["user"]["id"]
    payer = client.post("/v1/payers", {"name": "Roles Payer"})[1]

    def claim(number):
        return client.post("/v1/claims", {"claim_number": number, "payer_id": payer["id"], "billed_cents": 100, "expected_cents": 100})[1]["id"]
    status, body, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim("ROLE-1")}], "subject": "other",
                                                "owner": {"type": "user", "id": viewer_id}})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/owner/id"] and "viewer" in body["errors"][0]["detail"]
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim("ROLE-2")}], "subject": "other",
                                                "owner": {"type": "user", "id": biller_id}})
    assert status == 201
    status, body, _ = client.patch(f"/v1/cases/{case['id']}", {"owner": {"type": "user", "id": viewer_id}})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/owner/id"]
    status, body, _ = client.post(f"/v1/cases/{case['id']}/activities", {"kind": "task", "subject": "Call", "assignee_id": viewer_id})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/assignee_id"]
    status, task, _ = client.post(f"/v1/cases/{case['id']}/activities", {"kind": "task", "subject": "Call", "assignee_id": biller_id})
    assert status == 201
    status, body, _ = client.patch(f"/v1/activities/{task['id']}", {"assignee_id": viewer_id})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/assignee_id"]

    team = client.post("/v1/teams", {"name": "Roles team", "member_ids": [viewer_id, biller_id]})[1]
    status, teams_case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim("ROLE-3")}], "subject": "other",
                                                      "owner": {"type": "team", "id": team["id"]}})
    assert status == 201
    biller = type(client)(client.port, server.biller_token)
    assert teams_case["id"] in {r["id"] for r in biller.all_pages("/v1/cases?view=my_open")}
    assert viewer.all_pages("/v1/cases?view=my_open") == []
    assert {v["view"]: v["count"] for v in viewer.get("/v1/views")[1]["items"]}["my_open"] == 0
