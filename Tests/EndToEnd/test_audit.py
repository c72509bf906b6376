"""Every change through the API writes exactly one audit event, in order, by its actor; reads of
patients are audited; refused requests and no-op updates write nothing."""


def test_audit_log_matches_the_actions_performed(server, client):
    ada = type(client)(client.port, server.audit_token)
    me = ada.get("/v1/me")[1]["user"]["id"]
    expected = []

    def did(response, entity, action, status=(200, 201)):
        code, body, _ = response
        assert code in status, body
        expected.append((entity, action))
        return body

    payer = did(ada.post("/v1/payers", {"name": "Audit Payer"}), "payer", "create")
    patient = did(ada.post("/v1/patients", {"first_name": "Ida", "last_name": "Quill"}), "patient", "create")
    did(ada.get(f"/v1/patients/{patient['id']}"), "patient", "read")
    claim1 = did(ada.post("/v1/claims", {"claim_number": "AUD-1", "payer_id": payer["id"], "patient_id": patient["id"],
                                         "billed_cents": 1000, "expected_cents": 900, "paid_cents": 0, "adjustment_carc_codes": ["CO-16"]}),
                 "claim", "create")
    claim2 = did(ada.post("/v1/claims", {"claim_number": "AUD-2", "payer_id": payer["id"], "billed_cents": 500, "expected_cents": 500}),
                 "claim", "create")
    did(ada.post(f"/v1/claims/{claim1['id']}/submissions", {"frequency_code": "7"}), "submission", "create")
    case = did(ada.post("/v1/cases", {"claims": [{"claim_id": claim1["id"]}], "subject": "other", "carc_codes": ["CO-16"]}), "case", "create")
    did(ada.patch(f"/v1/cases/{case['id']}", {"stage": "in_progress"}), "case", "update")
    assert ada.patch(f"/v1/cases/{case['id']}", {"stage": "in_progress"})[0] == 200          # no change, no event
    assert ada.post("/v1/cases", {"claims": [{"claim_id": claim1["id"]}], "subject": "other"})[0] == 409   # refused, no event
    did(ada.post(f"/v1/cases/{case['id']}/claims", {"claims": [{"claim_id": claim2["id"]}]}), "case", "claims_added")
    did(ada.delete(f"/v1/cases/{case['id']}/claims/{claim2['id']}"), "case", "claim_removed")
    task = did(ada.post(f"/v1/cases/{case['id']}/activities", {"kind": "task", "subject": "Call"}), "activity", "create")
    did(ada.patch(f"/v1/activities/{task['id']}", {"state": "completed"}), "activity", "update")
    did(ada.post(f"/v1/cases/{case['id']}/resolve", {"resolved_carc_codes": ["CO-16"]}), "case", "resolve")
    did(ada.post(f"/v1/cases/{case['id']}/reactivate"), "case", "reactivate")
    did(ada.post(f"/v1/cases/{case['id']}/cancel"), "case", "cancel")
    did(ada.post("/v1/teams", {"name": "Audit team", "member_ids": [me]}), "team", "create")
    subjects = did(ada.post("/v1/subjects", {"name": "credentialing"}), "subject", "create")
    assert subjects["items"][-1] == "credentialing"
    assert ada.post("/v1/subjects", {"name": "credentialing"})[0] == 409
    did(ada.post("/v1/users", {"name": "New Hire", "email": "hire@e2e.test"}), "user", "create")
    token = did(ada.post("/v1/tokens"), "token", "create")
    did(ada.delete(f"/v1/tokens/{token['id']}"), "token", "revoke")

    events = list(reversed(ada.all_pages(f"/v1/audit?actor_id={me}")))
    assert [(e["entity_type"], e["action"]) for e in events] == expected
    update = next(e for e in events if e["action"] == "update" and e["entity_type"] == "case")
    assert update["changes"] == {"stage": {"before": "new", "after": "in_progress"}}
    history = ada.all_pages(f"/v1/cases/{case['id']}/history")
    assert [e["action"] for e in reversed(history)] == ["create", "update", "claims_added", "claim_removed", "create", "update",
                                                         "resolve", "reactivate", "cancel"]


def test_a_view_export_is_audited_as_one_bulk_read_and_viewers_may_not_export(server, client):
    """Issue 9 item 8: the CSV export names a patient on every row; it writes one audit event with the
    query and the row count. Viewers read work lists but may not export them. (An organization of its own,
    so the shared ones keep their cases.)"""
    for email, role in (("exa@e2e.test", "admin"), ("exv@e2e.test", "viewer")):
        server.cli("users", "add", *server.db_args, "--org", "E2E Export", "--email", email, "--name", "Ex " + role, "--role", role)
    viewer = type(client)(client.port, server.cli("tokens", "create", *server.db_args, "--org", "E2E Export", "--email", "exv@e2e.test"))
    client = type(client)(client.port, server.cli("tokens", "create", *server.db_args, "--org", "E2E Export", "--email", "exa@e2e.test"))
    payer = client.post("/v1/payers", {"name": "Export Payer"})[1]
    for n in range(3):
        patient = client.post("/v1/patients", {"first_name": f"Eve{n}", "last_name": "Export"})[1]
        claim = client.post("/v1/claims", {"claim_number": f"EXP-{n}", "payer_id": payer["id"], "patient_id": patient["id"],
                                           "billed_cents": 1000, "expected_cents": 900})[1]
        assert client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "other"})[0] == 201
    me = client.get("/v1/me")[1]["user"]["id"]

    def exports():
        return [e for e in client.all_pages(f"/v1/audit?entity_type=patient&actor_id={me}") if e["action"] == "export"]
    before = len(exports())
    query = f"view=open&payer_id={payer['id']}"
    status, _, headers = client.get(f"/v1/cases?{query}", headers={"Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    events = exports()
    assert len(events) == before + 1
    assert events[0]["entity_id"] == "bulk"
    assert events[0]["changes"] == {"filter": {"before": None, "after": query}, "rows": {"before": None, "after": 3}}

    status, problem, _ = viewer.get(f"/v1/cases?{query}", headers={"Accept": "text/csv"})
    assert status == 403 and problem["type"] == "/problems/forbidden"
    assert viewer.get(f"/v1/cases?{query}")[0] == 200          # the JSON work list stays open to viewers
    assert len(exports()) == before + 1


def test_reading_cases_that_name_patients_is_audited(server, client):
    """Standards: reads of patient data are audited, bulk ones too. A work-list page naming patients is one
    bulk read (action list, its query, the rows naming a patient); a case naming its patient is a read of that
    patient; a 304 sends nothing new and writes nothing."""
    server.cli("users", "add", *server.db_args, "--org", "E2E Reads", "--email", "rd@e2e.test", "--name", "Reader", "--role", "admin")
    client = type(client)(client.port, server.cli("tokens", "create", *server.db_args, "--org", "E2E Reads", "--email", "rd@e2e.test"))
    payer = client.post("/v1/payers", {"name": "Read Payer"})[1]
    patient = client.post("/v1/patients", {"first_name": "Rae", "last_name": "Reader"})[1]
    claims = [client.post("/v1/claims", {"claim_number": f"RD-{n}", "payer_id": payer["id"], "billed_cents": 1000, "expected_cents": 900,
                                         **({"patient_id": patient["id"]} if n == 0 else {})})[1] for n in range(2)]
    cases = [client.post("/v1/cases", {"claims": [{"claim_id": c["id"]}], "subject": "other"})[1] for c in claims]
    me = client.get("/v1/me")[1]["user"]["id"]

    def events(action):
        return [e for e in client.all_pages(f"/v1/audit?entity_type=patient&actor_id={me}") if e["action"] == action]
    status, page, headers = client.get(f"/v1/cases?view=all&payer_id={payer['id']}")
    assert status == 200 and len(page["items"]) == 2
    [listed] = events("list")
    assert listed["entity_id"] == "bulk"
    assert listed["changes"] == {"filter": {"before": None, "after": f"view=all&payer_id={payer['id']}"}, "rows": {"before": None, "after": 1}}
    assert client.get(f"/v1/cases?view=all&payer_id={payer['id']}", headers={"If-None-Match": headers["etag"]})[0] == 304
    assert len(events("list")) == 1
    reads = len(events("read"))
    status, case, headers = client.get(f"/v1/cases/{cases[0]['id']}")
    assert status == 200 and case["patient"]["name"]
    assert [e["entity_id"] for e in events("read")][: len(events("read")) - reads] == [patient["id"]]
    assert client.get(f"/v1/cases/{cases[0]['id']}", headers={"If-None-Match": headers["etag"]})[0] == 304
    assert client.request("HEAD", f"/v1/cases/{cases[0]['id']}")[0] == 200                # HEAD shows no patient
    assert client.request("HEAD", f"/v1/cases?view=all&payer_id={payer['id']}")[0] == 200
    assert len(events("list")) == 1
    assert client.get(f"/v1/cases/{cases[1]['id']}")[0] == 200                 # no patient named: nothing to audit
    assert len(events("read")) == reads + 1


def test_reading_claims_of_identified_patients_is_audited(server, client):
    """Claims are patient data, and `q` finds them by a patient's name: a claims page with rows of
    identified patients is one bulk read (action list, its query, those rows); one claim of an
    identified patient is a read of that patient; claims without a patient and HEAD are not audited."""
    server.cli("users", "add", *server.db_args, "--org", "E2E Claim Reads", "--email", "cr@e2e.test", "--name", "Reader")
    client = type(client)(client.port, server.cli("tokens", "create", *server.db_args, "--org", "E2E Claim Reads",
                                                  "--email", "cr@e2e.test"))
    payer = client.post("/v1/payers", {"name": "Claim Read Payer"})[1]
    patient = client.post("/v1/patients", {"first_name": "Cleo", "last_name": "Claimant"})[1]
    named, anonymous = [client.post("/v1/claims", {"claim_number": f"CR-{n}", "payer_id": payer["id"], "billed_cents": 1000,
                                                   "expected_cents": 900, **({"patient_id": patient["id"]} if n == 0 else {})})[1]
                        for n in range(2)]
    me = client.get("/v1/me")[1]["user"]["id"]

    def events(action):
        return [e for e in client.all_pages(f"/v1/audit?entity_type=patient&actor_id={me}") if e["action"] == action]
    status, page, _ = client.get("/v1/claims?q=Claimant")
    assert status == 200 and [c["id"] for c in page["items"]] == [named["id"]]
    [listed] = events("list")
    assert listed["entity_id"] == "bulk"
    assert listed["changes"] == {"filter": {"before": None, "after": "q=Claimant"}, "rows": {"before": None, "after": 1}}
    assert client.get("/v1/claims?claim_number=CR-1")[1]["items"][0]["patient_id"] is None
    assert client.request("HEAD", "/v1/claims?q=Claimant")[0] == 200
    assert len(events("list")) == 1, "a page without identified patients, and HEAD, are not patient reads"
    assert client.get(f"/v1/claims/{named['id']}")[0] == 200
    assert [e["entity_id"] for e in events("read")] == [patient["id"]]
    assert client.get(f"/v1/claims/{anonymous['id']}")[0] == 200
    assert client.request("HEAD", f"/v1/claims/{named['id']}")[0] == 200
    assert len(events("read")) == 1
