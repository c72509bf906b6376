"""Organization B walks every operation of openapi.yaml against organization A's ids and must get
exactly what it gets for ids that do not exist (same status, same body but for the id), or lists
without A's rows. The walk fails when openapi.yaml gains an operation it does not know."""
import json
import pathlib
import re

import pytest
import yaml

import x12_builder

SPEC = pathlib.Path(__file__).resolve().parents[2] / "openapi.yaml"


def bodies(ids):
    """Request bodies per operation, naming A's ids wherever the operation takes ids."""
    return {
        ("post", "/v1/users"): {"name": "Mallory", "email": "mallory@b.test"},
        ("post", "/v1/teams"): {"name": "Raid", "member_ids": [ids["user"]]},
        ("post", "/v1/payers"): {"name": "B Payer"},
        ("post", "/v1/subjects"): {"name": "B subject"},
        ("post", "/v1/patients"): {"first_name": "B", "last_name": "Patient"},
        ("post", "/v1/claims"): {"claim_number": "B-1", "payer_id": ids["payer"], "patient_id": ids["patient"],
                                 "billed_cents": 100, "expected_cents": 100},
        ("post", "/v1/claims/{id}/submissions"): {"frequency_code": "7"},
        ("patch", "/v1/claims/{id}"): {"expected_cents": 1, "write_off_cents": 0},
        ("post", "/v1/claims/{id}/cases"): {"case_id": ids["case"]},
        ("post", "/v1/cases"): {"claims": [{"claim_id": ids["claim"]}], "subject": "other"},
        ("patch", "/v1/cases/{id}"): {"stage": "in_progress"},
        ("post", "/v1/cases/{id}/resolve"): {"note": "x"},
        ("post", "/v1/cases/{id}/cancel"): {"note": "x"},
        ("post", "/v1/cases/{id}/reactivate"): None,
        ("post", "/v1/cases/{id}/claims"): {"claims": [{"claim_id": ids["claim"]}]},
        ("post", "/v1/cases/{id}/activities"): {"kind": "note", "subject": "x"},
        ("patch", "/v1/activities/{id}"): {"subject": "x"},
        ("post", "/v1/tokens"): None,
        # The body is an 835 file, not JSON: B's own posting is covered by the remittance tests.
        ("post", "/v1/remittances"): None,
        ("post", "/v1/rules"): {"name": "B rule", "action": "open_case", "payer_id": ids["payer"]},
        ("patch", "/v1/rules/{id}"): {"name": "Renamed by B"},
        ("patch", "/v1/payers/{id}"): {"appeal_days": 30},
        ("patch", "/v1/teams/{id}"): {"name": "Taken by B", "member_ids": [ids["user"]]},
        ("patch", "/v1/settings"): {"auto_resolve_paid_cases": False},
    }


def kind_of(path, name):
    if name == "claim_id":
        return "claim"
    return {"users": "user", "teams": "team", "payers": "payer", "patients": "patient", "claims": "claim",
            "cases": "case", "activities": "activity", "tokens": "token", "rules": "rule",
            "remittances": "remittance"}[path.split("/")[2]]


@pytest.fixture(scope="module")
def a_ids(client, fixture_data):
    status, me, _ = client.get("/v1/me")
    claim = client.all_pages("/v1/claims?denied=true&has_active_case=false")[0]
    status, team, _ = client.post("/v1/teams", {"name": "Tenancy team", "member_ids": [me["user"]["id"]]})
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "other"})
    assert status == 201, case
    status, activity, _ = client.post(f"/v1/cases/{case['id']}/activities", {"kind": "note", "subject": "A's note"})
    status, token, _ = client.post("/v1/tokens")
    status, rule, _ = client.post("/v1/rules", {"name": "A's rule", "action": "leave"})
    assert status == 201, rule
    era = x12_builder.file([x12_builder.claim_with_paid("TEN-1", 0, cas=[("CO", "16", 10000)])], trace="TENANCY-A")
    status, posted, _ = client.request("POST", "/v1/remittances", raw=era, headers={"Content-Type": "application/edi-x12"})
    assert status == 201, posted
    return {"user": me["user"]["id"], "team": team["id"], "payer": claim["payer_id"], "patient": claim["patient_id"],
            "claim": claim["id"], "case": case["id"], "activity": activity["id"], "token": token["id"], "rule": rule["id"],
            "remittance": posted["payments"][0]["remittance_id"]}


def test_other_organizations_see_nothing(client, wire_client, a_ids):
    spec = yaml.safe_load(SPEC.read_text())
    a_case_before = client.get(f"/v1/cases/{a_ids['case']}")[1]
    known = bodies(a_ids)
    fake = {k: v.split("_")[0] + "_" + "0" * 32 for k, v in a_ids.items()}
    walked = 0
    for path, operations in spec["paths"].items():
        for method in operations:
            if method not in ("get", "post", "patch", "delete"):
                continue
            if path == "/v1/codes/{list}":           # X12's code lists: shared by every organization, holding no tenant data
                for name in ("carc", "rarc"):
                    status, body, _ = wire_client.get(f"/v1/codes/{name}")
                    assert status == 200 and not any(v in json.dumps(body) for v in a_ids.values())
                walked += 1
                continue
            if path == "/page/{file}":               # the page's own scripts: the same for everyone, holding no data
                status, body, _ = wire_client.get("/page/main.js")
                assert status == 200 and body is None
                walked += 1
                continue
            names = re.findall(r"\{(\w+)\}", path)
            needs_body = method in ("post", "patch")
            assert not needs_body or (method, path) in known, f"{method.upper()} {path} is not in the tenancy walk: add it"
            def target(ids):
                url = path
                for name in names:
                    url = url.replace("{" + name + "}", ids[kind_of(path, name)])
                return url
            real_body = known.get((method, path)) if needs_body else None
            if not names and not (real_body and any(v in json.dumps(real_body) for v in a_ids.values())):
                if method == "get":
                    status, body, _ = wire_client.get(path)
                    text = json.dumps(body)
                    leaked = [k for k, v in a_ids.items() if v in text]
                    assert not leaked, f"GET {path} shows A's {leaked}"
                walked += 1
                continue
            fake_body = json.loads(json.dumps(real_body).replace(a_ids["claim"], fake["claim"]).replace(a_ids["case"], fake["case"])
                                   .replace(a_ids["payer"], fake["payer"]).replace(a_ids["patient"], fake["patient"])
                                   .replace(a_ids["user"], fake["user"]).replace(a_ids["rule"], fake["rule"])) if real_body is not None else None
            real = wire_client.request(method.upper(), target(a_ids), body=real_body)
            ghost = wire_client.request(method.upper(), target(fake), body=fake_body)
            def normal(response):
                status, body, _ = response
                text = json.dumps(body, sort_keys=True)
                for k in a_ids:
                    text = text.replace(a_ids[k], "<ID>").replace(fake[k], "<ID>")
                return status, text
            assert normal(real) == normal(ghost), f"{method.upper()} {path}: A's ids answer differently from absent ids"
            assert real[0] in (200, 404, 422) and (real[0] != 200 or not any(v in json.dumps(real[1]) for v in a_ids.values())), \
                f"{method.upper()} {path} answered {real[0]} {real[1]}"
            walked += 1
    assert walked == sum(m in ("get", "post", "patch", "delete") for ops in spec["paths"].values() for m in ops)
    assert client.get(f"/v1/cases/{a_ids['case']}")[1] == a_case_before
