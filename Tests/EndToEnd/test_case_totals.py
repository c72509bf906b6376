"""Stored aggregates (issue 13 items 2 and 3): each case keeps its total outstanding, cost share
outstanding, deadline and appeal deadline, and each claim its first submission date, changed by the
database in the statement that moves them. After a long seeded random sequence of operations — open,
add and remove claims, stages, resolve, cancel, reactivate, payments, reversals, submissions, claim
corrections, payer deadline days — every case's figures equal a recomputation from its claims, read
through the API, Case Insights' outstanding by aging bucket equals the claims' own buckets, and
`casework check-aggregates` agrees; a stored figure altered behind the application's back is
reported by the command."""
import random
import subprocess

import x12_builder as x12
from remittance_support import fresh_org, post_835

PAYER = ("TOTALS HEALTH PLAN", "THP01")
STEPS = 200


class Scenario:
    """The organization's claims as posted so far, and the 835 files that move them."""

    def __init__(self, client, rng):
        self.client = client
        self.rng = rng
        self.files = 0
        self.payments = {}        # claim number -> [(charge, paid, cas)] posted and not reversed

    def post(self, claims):
        self.files += 1
        status, body, _ = post_835(self.client, x12.file(claims, trace=f"TOT-{self.files:04d}", payer=PAYER,
                                                         date=f"202611{10 + self.files % 15:02d}"))
        assert status == 201, body

    def first_remits(self, count):
        claims = []
        for index in range(count):
            number = f"TOT-{index:02d}"
            charge = self.rng.choice([10000, 25000, 40000])
            paid = self.rng.choice([0, 0, charge // 4, charge // 2])
            cost_share = self.rng.choice([0, 0, 2000])
            cas = [("CO", "16", charge - paid - cost_share)] + ([("PR", "1", cost_share)] if cost_share else [])
            claims.append((x12.claim(number, charge=charge, paid=paid, patient_resp=cost_share, cas=cas), paid))
            self.payments[number] = [(charge, paid, cost_share, cas)]
        self.post(claims)

    def pay(self, number):
        charge = self.payments[number][-1][0]
        paid = self.rng.choice([charge // 4, charge // 2, charge])
        cas = [("CO", "45", charge - paid)] if paid < charge else []
        self.post([(x12.claim(number, charge=charge, paid=paid, cas=cas), paid)])
        self.payments[number].append((charge, paid, 0, cas))

    def reverse(self, number):
        charge, paid, cost_share, cas = self.payments[number].pop()
        negated = [(group, reason, -cents) for group, reason, cents in cas]
        self.post([(x12.claim(number, status="22", charge=-charge, paid=-paid, patient_resp=-cost_share, cas=negated), -paid)])


def by_id(client, path):
    return {item["id"]: item for item in client.all_pages(path)}


def check_against_claims(client):
    """Every case's work-list figures equal the sums over its claims' own figures (GET /v1/claims/{id})."""
    claims = {c["claim_number"]: client.get(f"/v1/claims/{c['id']}")[1] for c in client.all_pages("/v1/claims")}
    rows = client.all_pages("/v1/cases?view=all")
    assert rows
    for row in rows:
        mine = [claims[number] for number in row["claim_numbers"]]
        assert row["total_outstanding_cents"] == sum(c["outstanding_cents"] for c in mine), row["number"]
        assert row["total_cost_share_outstanding_cents"] == sum(c["cost_share_outstanding_cents"] for c in mine), row["number"]
        # Every claim here has a remit, so its deadline is its appeal deadline (set only while denied).
        due = [c["appeal_deadline"] for c in mine if c["outstanding_cents"] > 0 and c["appeal_deadline"]]
        assert row["deadline"] == (min(due) if due else None), row["number"]
    ordered = client.all_pages("/v1/cases?view=all&sort=-total_outstanding", limit=7)
    assert [r["id"] for r in ordered] == [r["id"] for r in sorted(rows, key=lambda r: (r["total_outstanding_cents"], r["id"]),
                                                                        reverse=True)]
    by_deadline = client.all_pages("/v1/cases?view=all&sort=deadline", limit=5)
    assert [r["id"] for r in by_deadline] == [r["id"] for r in sorted(rows, key=lambda r: (r["deadline"] or "9999-12-31", r["id"]))]
    # Outstanding of the active cases by payer and aging bucket: the claims' own buckets (their first
    # submission date, else their first service date) summed.
    expected = {}
    for row in rows:
        if row["status"] == "active":
            for number in row["claim_numbers"]:
                key = (claims[number]["payer_id"], claims[number]["aging_bucket"])
                expected[key] = expected.get(key, 0) + claims[number]["outstanding_cents"]
    status, insights, _ = client.get("/v1/dashboards/case-insights")
    assert status == 200, insights
    served = {(r["payer"]["id"], r["aging_bucket"]): r["outstanding_cents"] for r in insights["outstanding_by_aging_bucket"]}
    assert served == expected
    return rows


def check_aggregates(server):
    return subprocess.run([server.bin, "check-aggregates", *server.db_args], capture_output=True, text=True, timeout=120)


def test_stored_case_totals_follow_a_random_sequence_of_operations(server):
    client, _ = fresh_org(server, "Totals")
    rng = random.Random(13)
    scenario = Scenario(client, rng)
    scenario.first_remits(24)
    numbers = sorted(scenario.payments)
    claim_ids = {c["claim_number"]: c["id"] for c in client.all_pages("/v1/claims")}
    payer_id = client.all_pages("/v1/claims")[0]["payer_id"]
    done = {"open": 0, "add": 0, "remove": 0, "stage": 0, "resolve": 0, "cancel": 0, "reactivate": 0, "pay": 0, "reverse": 0,
            "days": 0, "submit": 0, "correct": 0, "priority": 0}

    for step in range(STEPS):
        cases = list(by_id(client, "/v1/cases?view=all").values())
        active = [c for c in cases if c["status"] == "active"]
        held = {number for c in active for number in c["claim_numbers"]}
        free = [n for n in numbers if n not in held]
        action = rng.choice(["open", "open", "add", "remove", "stage", "resolve", "cancel", "reactivate", "pay", "pay",
                             "reverse", "days", "submit", "correct", "priority"])
        if action == "open" and free:
            chosen = rng.sample(free, min(len(free), rng.randint(1, 3)))
            status, body, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim_ids[n]} for n in chosen],
                                                        "subject": "missing information"})
            assert status == 201, body
        elif action == "add" and free and active:
            case = rng.choice(active)
            status, body, _ = client.post(f"/v1/cases/{case['id']}/claims", {"claims": [{"claim_id": claim_ids[rng.choice(free)]}]})
            assert status == 200, body
        elif action == "remove" and any(len(c["claim_numbers"]) > 1 for c in active):
            case = rng.choice([c for c in active if len(c["claim_numbers"]) > 1])
            status, body, _ = client.delete(f"/v1/cases/{case['id']}/claims/{claim_ids[rng.choice(case['claim_numbers'])]}")
            assert status == 200, body
        elif action == "stage" and active:
            case = rng.choice(active)
            status, body, _ = client.patch(f"/v1/cases/{case['id']}", {"stage": rng.choice(["new", "in_progress", "awaiting_payment"])})
            assert status == 200, body
        elif action == "priority" and active:
            # Moves the case between groups of the rollup by creation day (migration 0020).
            case = rng.choice(active)
            status, body, _ = client.patch(f"/v1/cases/{case['id']}", {"priority": rng.choice(["low", "normal", "high"])})
            assert status == 200, body
        elif action in ("resolve", "cancel") and active:
            case = rng.choice(active)
            body = {"note": f"step {step}"} | ({"cancel_open_activities": True} if action == "resolve" else {})
            status, answer, _ = client.post(f"/v1/cases/{case['id']}/{action}", body)
            assert status == 200, answer
        elif action == "reactivate" and any(c["status"] != "active" for c in cases):
            case = rng.choice([c for c in cases if c["status"] != "active"])
            status, answer, _ = client.post(f"/v1/cases/{case['id']}/reactivate", {})
            # 409 when one of its claims has joined another active case since (rule 1).
            assert status in (200, 409), answer
            if status == 409:
                continue
        elif action == "pay":
            scenario.pay(rng.choice(numbers))
        elif action == "reverse" and any(len(p) > 1 for p in scenario.payments.values()):
            scenario.reverse(rng.choice([n for n, p in scenario.payments.items() if len(p) > 1]))
        elif action == "submit":
            number = rng.choice(numbers)
            status, body, _ = client.post(f"/v1/claims/{claim_ids[number]}/submissions",
                                          {"frequency_code": "7", "submitted_on": f"2026-{rng.randint(6, 11):02d}-{rng.randint(1, 28):02d}"})
            assert status == 201, body
        elif action == "correct":
            number = rng.choice(numbers)
            claim = client.get(f"/v1/claims/{claim_ids[number]}")[1]
            remaining = max(0, claim["expected_cents"] - claim["paid_cents"] - claim["cost_share_cents"])
            status, body, _ = client.patch(f"/v1/claims/{claim_ids[number]}",
                                           {"write_off_cents": rng.choice([0, min(500, remaining), remaining])})
            assert status == 200, body
        elif action == "days":
            status, body, _ = client.patch(f"/v1/payers/{payer_id}", {"appeal_days": rng.choice([None, 30, 90]),
                                                                       "timely_filing_days": rng.choice([None, 120])})
            assert status == 200, body
        else:
            continue
        done[action] += 1
        if step % 40 == 39:
            check_against_claims(client)

    assert all(count >= 3 for count in done.values()), done
    assert any(c["submissions"] and any(s["submitted_on"] for s in c["submissions"]) for c in client.all_pages("/v1/claims"))
    rows = check_against_claims(client)
    # Deadlines to compare at the end whatever the last payer change was.
    status, body, _ = client.patch(f"/v1/payers/{payer_id}", {"appeal_days": 45})
    assert status == 200, body
    rows = check_against_claims(client)
    assert any(r["total_outstanding_cents"] > 0 for r in rows) and any(r["deadline"] for r in rows), "figures worth comparing"
    result = check_aggregates(server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].endswith(": 0 mismatches"), result.stdout


def test_check_aggregates_reports_a_case_whose_stored_total_was_altered(server):
    client, _ = fresh_org(server, "Totals altered")
    scenario = Scenario(client, random.Random(7))
    scenario.first_remits(2)
    claim = client.all_pages("/v1/claims")[0]
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "missing information"})
    assert status == 201, case
    stored = case["totals"]["total_outstanding_cents"]
    server.sql("UPDATE cases SET total_outstanding_cents = total_outstanding_cents + 1 WHERE id = ?", (case["id"],))
    server.sql("UPDATE claims SET first_submitted_on = '2026-01-02' WHERE id = ?", (claim["id"],))
    server.sql("UPDATE case_rollup SET cases = cases + 2 WHERE payer_id = ? AND status = 'active'", (claim["payer_id"],))
    server.sql("UPDATE case_created_rollup SET cases = cases + 5 WHERE payer_id = ? AND status = 'active'", (claim["payer_id"],))
    try:
        result = check_aggregates(server)
        assert result.returncode == 1, result.stdout + result.stderr
        # The case row's change also moved its rollup group's outstanding (a trigger), so that is no mismatch.
        assert result.stdout.splitlines()[0].endswith(": 4 mismatches"), result.stdout
        assert f"case {case['number']} ({case['id']}, " in result.stdout, result.stdout
        assert f"total_outstanding_cents stored {stored + 1}, recomputed {stored}" in result.stdout
        assert f"claim {claim['claim_number']} ({claim['id']}, " in result.stdout
        assert "first_submitted_on stored 2026-01-02, recomputed null" in result.stdout
        group = f"case_rollup:active/new/missing information/{claim['payer_id']}//"
        assert f"rollup ({group}, " in result.stdout and "cases stored 3, recomputed 1" in result.stdout, result.stdout
        created = f"case_created_rollup:{case['created_at'][:10]}/active/{case['priority']}/{claim['payer_id']}"
        assert f"rollup ({created}, " in result.stdout and "cases stored 6, recomputed 1" in result.stdout, result.stdout
    finally:
        server.sql("UPDATE cases SET total_outstanding_cents = total_outstanding_cents - 1 WHERE id = ?", (case["id"],))
        server.sql("UPDATE claims SET first_submitted_on = NULL WHERE id = ?", (claim["id"],))
        server.sql("UPDATE case_rollup SET cases = cases - 2 WHERE payer_id = ? AND status = 'active'", (claim["payer_id"],))
        server.sql("UPDATE case_created_rollup SET cases = cases - 5 WHERE payer_id = ? AND status = 'active'", (claim["payer_id"],))
    assert check_aggregates(server).returncode == 0
