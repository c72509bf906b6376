"""An independent model of the dashboard figures, computed from the fixture and the test's own
record of what it did — never from the server's queries."""
import collections

CONTRACTUAL = {("CO", "45"), ("CO", "42"), ("CO", "A2"), ("CO", "131"), ("CO", "253")}


def outstanding(entry):
    paid = sum(r["paid_cents"] for r in entry["remittances"])
    cost_share = sum(r["patient_responsibility_cents"] for r in entry["remittances"])
    return entry["expected_cents"] - paid - cost_share


def denial_codes(entry):
    paid = sum(r["paid_cents"] for r in entry["remittances"])
    if not entry["remittances"] or paid >= entry["expected_cents"]:
        return []
    codes = []
    for r in entry["remittances"]:
        for a in r["adjustments"]:
            key = (a["group"], a["carc"].upper())
            if a["group"] != "PR" and key not in CONTRACTUAL and f"{key[0]}-{key[1]}" not in codes:
                codes.append(f"{key[0]}-{key[1]}")
    return codes


class Model:
    def __init__(self, claim_outstanding):
        self.claim_outstanding = claim_outstanding  # claim id -> cents
        self.cases = {}        # id -> dict
        self.activities = {}   # id -> dict

    # -- Case Insights ----------------------------------------------------------------
    def selected(self, f):
        for c in self.cases.values():
            if f.get("payer_id") and c["payer_id"] != f["payer_id"]:
                continue
            if f.get("subject") and c["subject"] != f["subject"]:
                continue
            if f.get("owner") and c["owner"] != f["owner"]:
                continue
            if f.get("carc_code") and f["carc_code"] not in c["carc_codes"]:
                continue
            if f.get("created_after") and c["created_on"] < f["created_after"]:
                continue
            if f.get("created_before") and c["created_on"] >= f["created_before"]:
                continue
            yield c

    @staticmethod
    def groups(c, drill):
        if drill is None:
            return [None]
        if drill == "owner":
            return [c["owner"]]
        return c["carc_codes"] or [None]

    def insights(self, f, drill):
        by_subject, by_status, by_payer = collections.Counter(), collections.Counter(), collections.Counter()
        claims = collections.defaultdict(set)
        counts = collections.defaultdict(lambda: [0, 0, 0])
        for c in self.selected(f):
            for g in self.groups(c, drill):
                by_status[(g, c["status"])] += 1
                if c["status"] == "active":
                    by_subject[(g, c["subject"])] += 1
                    by_payer[(g, c["payer_id"])] += 1
                    for claim in c["claims"]:
                        claims[(g, c["payer_id"], c["subject"])].add(claim)
                cell = counts[g]
                cell[0] += c["status"] == "canceled"
                cell[1] += c["status"] == "resolved"
                cell[2] += c["status"] == "active" and c["stage"] == "in_progress"
        money = {k: sum(self.claim_outstanding[x] for x in v) for k, v in claims.items()}
        status_counts = {g: tuple(v) for g, v in counts.items() if drill is None or any(v)}
        if drill is None and not status_counts:
            status_counts = {None: (0, 0, 0)}
        return {
            "open_by_subject": dict(by_subject), "by_status": dict(by_status), "open_by_payer": dict(by_payer),
            "outstanding_by_payer_subject": money, "status_counts": status_counts,
        }

    # -- Tier 1 -----------------------------------------------------------------------
    def tier1(self, me, my_teams, in_period):
        chosen = [c for c in self.cases.values() if in_period(c["created_on"])]
        mine = {f"user:{me}"} | {f"team:{t}" for t in my_teams}
        drafts = [i for i, a in self.activities.items() if a["kind"] == "email" and a["state"] == "draft" and a["created_by"] == me]
        open_work = [i for i, a in self.activities.items()
                     if (a["kind"] == "task" and a["state"] == "open" and (a["assignee_id"] == me or (a["assignee_id"] is None and a["created_by"] == me)))
                     or (a["kind"] == "appointment" and a["state"] == "scheduled" and a["created_by"] == me)]
        return {
            "by_priority": dict(collections.Counter(c["priority"] for c in chosen)),
            "by_payer": dict(collections.Counter(c["payer_id"] for c in chosen)),
            "by_status": dict(collections.Counter(c["status"] for c in chosen)),
            "active_cases": sum(c["status"] == "active" for c in chosen),
            "my_resolved_cases": sum(c["status"] == "resolved" and c["owner"] in mine and in_period(c["resolved_on"]) for c in self.cases.values()),
            "my_draft_emails": len(drafts),
            "my_open_activities": sorted(open_work),
        }


def server_insights(body, drill):
    """The server's Case Insights figures in the model's shape."""
    def group(row):
        if drill is None:
            return None
        if drill == "owner":
            o = row["owner"]
            return f'{o["type"]}:{o["id"]}' if o else None
        return row["carc_code"]
    return {
        "open_by_subject": {(group(r), r["subject"]): r["count"] for r in body["open_by_subject"]},
        "by_status": {(group(r), r["status"]): r["count"] for r in body["by_status"]},
        "open_by_payer": {(group(r), r["payer"]["id"]): r["count"] for r in body["open_by_payer"]},
        "outstanding_by_payer_subject": {(group(r), r["payer"]["id"], r["subject"]): r["outstanding_cents"]
                                         for r in body["outstanding_by_payer_subject"]},
        "status_counts": {group(r): (r["canceled"], r["resolved"], r["in_progress"]) for r in body["status_counts"]},
    }
