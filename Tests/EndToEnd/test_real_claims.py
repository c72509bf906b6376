"""The case workflow of DESIGN.md driven over real HTTP against the imported real remittance claims."""
import collections
import concurrent.futures

CONTRACTUAL = {("CO", "45"), ("CO", "42"), ("CO", "A2"), ("CO", "131"), ("CO", "253")}


def expected_amounts(entry):
    paid = sum(r["paid_cents"] for r in entry["remittances"])
    cost_share = sum(r["patient_responsibility_cents"] for r in entry["remittances"])
    return {
        "billed_cents": entry["billed_cents"],
        "expected_cents": entry["expected_cents"],
        "paid_cents": paid,
        "cost_share_cents": cost_share,
        "cost_share_paid_cents": 0,
        "write_off_cents": 0,
        "outstanding_cents": entry["expected_cents"] - paid - cost_share,
        "cost_share_outstanding_cents": cost_share,
    }


def is_denied(entry):
    paid = sum(r["paid_cents"] for r in entry["remittances"])
    codes = [(a["group"], a["carc"].upper()) for r in entry["remittances"] for a in r["adjustments"]]
    return bool(entry["remittances"]) and paid < entry["expected_cents"] and any(
        g != "PR" and (g, c) not in CONTRACTUAL for g, c in codes)


def test_import_stores_every_claim_exactly(server, client, fixture_data):
    assert server.import_output.startswith("imported 187 claims (0 already present), 14 payers, 56 patients")
    assert server.reimport_output.startswith("imported 0 claims (187 already present), 0 payers, 0 patients")
    claims = {c["claim_number"]: c for c in client.all_pages("/v1/claims")}
    assert len(claims) == len(fixture_data["claims"]) == 187
    payers = {p["id"]: p for p in client.all_pages("/v1/payers")}
    payer_names = {p["key"]: p["name"] for p in fixture_data["payers"]}
    patients = {p["id"]: p for p in client.all_pages("/v1/patients")}
    patient_members = {p["key"]: p["member_id"] for p in fixture_data["patients"]}
    for entry in fixture_data["claims"]:
        got = claims[entry["claim_number"]]
        for field, value in expected_amounts(entry).items():
            assert got[field] == value, (entry["claim_number"], field)
        assert got["service_start"] == entry["service_start"]
        assert got["service_end"] == entry["service_end"]
        assert payers[got["payer_id"]]["name"] == payer_names[entry["payer"]]
        if entry["patient"]:
            assert patients[got["patient_id"]]["member_id"] == patient_members[entry["patient"]]
        else:
            assert got["patient_id"] is None
        assert [(s["sequence"], s["frequency_code"], s["payer_claim_number"], s["submitted_on"]) for s in got["submissions"]] == \
               [(s["sequence"], s["frequency_code"], s["payer_claim_number"], s["submitted_on"]) for s in entry["submissions"]]
        assert got["denied"] == is_denied(entry), entry["claim_number"]
    denied = client.all_pages("/v1/claims?denied=true")
    assert {c["claim_number"] for c in denied} == {e["claim_number"] for e in fixture_data["claims"] if is_denied(e)}


class Script:
    """The expected state of every case the script touches, kept independently of the server."""

    def __init__(self, client, fixture, me):
        self.client = client
        self.fixture = {c["claim_number"]: c for c in fixture["claims"]}
        self.claims = {c["claim_number"]: c for c in client.all_pages("/v1/claims")}
        self.cases = {}  # id -> {"status", "stage", "owner"}
        self.me = me

    def open(self, numbers, owner_me=True, submission=None, **extra):
        links = []
        for n in numbers:
            link = {"claim_id": self.claims[n]["id"]}
            if submission:
                link["submission_id"] = self.claims[n]["submissions"][0]["id"]
            links.append(link)
        body = {"claims": links, "subject": "other", "carc_codes": ["CO-16"], **extra}
        if owner_me:
            body["owner"] = {"type": "user", "id": self.me}
        status, case, headers = self.client.post("/v1/cases", body)
        assert status == 201, case
        self.cases[case["id"]] = {"status": "active", "stage": "new", "mine": owner_me}
        return case

    def view_members(self, view):
        def member(c):
            if view == "all":
                return True
            if view == "resolved":
                return c["status"] == "resolved"
            if c["status"] != "active":
                return False
            return {"open": True, "my_open": c["mine"], "in_progress": c["stage"] == "in_progress",
                    "awaiting_payment": c["stage"] == "awaiting_payment"}[view]
        return {i for i, c in self.cases.items() if member(c)}

    def check_views(self):
        for view in ["all", "open", "my_open", "in_progress", "awaiting_payment", "resolved"]:
            rows = self.client.all_pages(f"/v1/cases?view={view}", limit=3)
            ids = [r["id"] for r in rows]
            assert len(ids) == len(set(ids)), view
            assert set(ids) == self.view_members(view), view


def test_case_workflow_on_real_denied_claims(client, fixture_data):
    status, me, _ = client.get("/v1/me")
    assert status == 200
    script = Script(client, fixture_data, me["user"]["id"])
    denied = [e for e in fixture_data["claims"] if is_denied(e)]
    by_payer = collections.defaultdict(list)
    for e in denied:
        by_payer[e["payer"]].append(e["claim_number"])
    payer, group = max(by_payer.items(), key=lambda kv: len(kv[1]))
    assert len(group) >= 4
    single, bulk, by_submission, spare = group[0], group[1:4], group[4], group[5]

    # A case on one denied claim, then a second one refused with 409 naming the first.
    first = script.open([single])
    assert first["number"].startswith("CASE-")
    assert first["payer"]["id"] == script.claims[single]["payer_id"]
    status, problem, headers = client.post("/v1/cases", {"claims": [{"claim_id": script.claims[single]["id"]}], "subject": "other"})
    assert status == 409 and headers["content-type"] == "application/problem+json"
    assert problem["type"] == "/problems/claim-has-active-case"
    assert problem["active_case"] == {"id": first["id"], "number": first["number"]}
    assert problem["claim_number"] == single
    status, claim, _ = client.get(f"/v1/claims/{script.claims[single]['id']}")
    assert claim["active_case"]["id"] == first["id"]
    script.check_views()

    # A bulk case over several denied claims of one payer: totals are the sums of those claims.
    bulk_case = script.open(bulk, owner_me=False, priority="high")
    entries = [script.fixture[n] for n in bulk]
    sums = [expected_amounts(e) for e in entries]
    totals = bulk_case["totals"]
    assert totals["total_expected_cents"] == sum(s["expected_cents"] for s in sums)
    assert totals["total_paid_cents"] == sum(s["paid_cents"] for s in sums)
    assert totals["total_outstanding_cents"] == sum(s["outstanding_cents"] for s in sums)
    assert totals["total_cost_share_outstanding_cents"] == sum(s["cost_share_outstanding_cents"] for s in sums)
    starts = [e["service_start"] for e in entries if e["service_start"]]
    ends = [e["service_end"] for e in entries if e["service_end"]]
    assert totals["billable_start"] == (min(starts) if starts else None)
    assert totals["billable_end"] == (max(ends) if ends else None)
    assert sorted(c["claim_number"] for c in bulk_case["claims"]) == sorted(bulk)
    script.check_views()

    # A case on one submission shows under scope=submission and scope=all.
    sub_case = script.open([by_submission], submission=True)
    claim = script.claims[by_submission]
    submission_id = claim["submissions"][0]["id"]
    status, page, _ = client.get(f"/v1/claims/{claim['id']}/cases?scope=submission&submission_id={submission_id}")
    assert status == 200 and [c["id"] for c in page["items"]] == [sub_case["id"]]
    status, page, _ = client.get(f"/v1/claims/{claim['id']}/cases?scope=all")
    assert [c["id"] for c in page["items"]] == [sub_case["id"]]
    status, page, _ = client.get(f"/v1/claims/{script.claims[single]['id']}/cases?scope=submission&submission_id="
                                 f"{script.claims[single]['submissions'][0]['id']}")
    assert [c["id"] for c in page["items"]] == [first["id"]]  # a whole-claim case covers every submission

    # Stage moves, with the views following each step.
    for stage in ["in_progress", "awaiting_payment", "in_progress"]:
        status, case, _ = client.patch(f"/v1/cases/{first['id']}", {"stage": stage})
        assert status == 200 and case["stage"] == stage
        script.cases[first["id"]]["stage"] = stage
        script.check_views()
    status, case, _ = client.patch(f"/v1/cases/{bulk_case['id']}", {"stage": "awaiting_payment"})
    script.cases[bulk_case["id"]]["stage"] = "awaiting_payment"
    script.check_views()

    # Resolve: the claim is freed and a new case on it is accepted.
    status, resolved, _ = client.post(f"/v1/cases/{first['id']}/resolve", {"note": "Corrected claim paid", "resolved_carc_codes": ["CO-16"]})
    assert status == 200 and resolved["status"] == "resolved" and resolved["resolved_carc_codes"] == ["CO-16"]
    script.cases[first["id"]]["status"] = "resolved"
    script.check_views()
    status, claim, _ = client.get(f"/v1/claims/{script.claims[single]['id']}")
    assert claim["active_case"] is None
    second = script.open([single])
    assert second["id"] != first["id"]
    script.check_views()

    # Reactivating the resolved case now breaks rule 1: 409 naming the new case.
    status, problem, _ = client.post(f"/v1/cases/{first['id']}/reactivate")
    assert status == 409 and problem["active_case"]["id"] == second["id"]

    # Cancel another, then reactivate it (rule 1 still holds for its claim).
    status, canceled, _ = client.post(f"/v1/cases/{sub_case['id']}/cancel", {"note": "Opened by mistake"})
    assert status == 200 and canceled["status"] == "canceled"
    script.cases[sub_case["id"]]["status"] = "canceled"
    script.check_views()
    status, back, _ = client.post(f"/v1/cases/{sub_case['id']}/reactivate")
    assert status == 200 and back["status"] == "active"
    script.cases[sub_case["id"]]["status"] = "active"
    script.check_views()

    # Claims move in and out of an active case; the last one stays.
    status, grown, _ = client.post(f"/v1/cases/{bulk_case['id']}/claims", {"claims": [{"claim_id": script.claims[spare]["id"]}]})
    assert status == 200 and len(grown["claims"]) == 4
    status, shrunk, _ = client.delete(f"/v1/cases/{bulk_case['id']}/claims/{script.claims[spare]['id']}")
    assert status == 200 and len(shrunk["claims"]) == 3
    status, problem, _ = client.delete(f"/v1/cases/{second['id']}/claims/{script.claims[single]['id']}")
    assert status == 409 and problem["type"] == "/problems/last-claim"

    # A claim of another payer cannot join the bulk case.
    other = next(e for e in denied if e["payer"] != payer and not script.claims[e["claim_number"]]["active_case"])
    status, problem, _ = client.post(f"/v1/cases/{bulk_case['id']}/claims", {"claims": [{"claim_id": script.claims[other['claim_number']]['id']}]})
    assert status == 422 and problem["type"] == "/problems/payer-mismatch"
    script.check_views()


def test_fifty_concurrent_creates_yield_one_case(server, client, fixture_data):
    claims = client.all_pages("/v1/claims?denied=true&has_active_case=false")
    target = claims[-1]
    body = {"claims": [{"claim_id": target["id"]}], "subject": "timely filing", "carc_codes": ["CO-29"]}
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda _: client.post("/v1/cases", body), range(50)))
    statuses = collections.Counter(status for status, _, _ in results)
    assert statuses == {201: 1, 409: 49}, statuses
    winner = next(body for status, body, _ in results if status == 201)
    assert all(p["active_case"]["id"] == winner["id"] for status, p, _ in results if status == 409)
    ((count,),) = server.sql("SELECT COUNT(*) FROM case_claims WHERE claim_id = ? AND active = 1", (target["id"],))
    assert count == 1
