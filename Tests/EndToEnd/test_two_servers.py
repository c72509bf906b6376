"""Two Casework servers on one PostgreSQL database (issue 10): rule 1 holds across them, what one
server commits the other serves at once (no stale 304), one Idempotency-Key acts once whichever
server its retries reach, and a server killed mid-write loses nothing it acknowledged. Runs in the suite's PostgreSQL run (`make test` runs both)."""
import collections
import concurrent.futures
import http.client
import signal
import threading
import uuid

import pytest

import x12_builder as x12
from conftest import DATABASE, Client, Server
from remittance_support import fresh_org, post_835

assert DATABASE == "postgresql", "collected in the PostgreSQL run only (conftest.collect_ignore)"


@pytest.fixture(scope="module")
def pair(server):
    """(client of server A, client of server B, ids): one organization, seen through both servers."""
    second = Server(server.tmp, shares=server, log_name="server-b.log")
    second.start()
    a, ids = fresh_org(server, "Two Servers")
    status, body, _ = post_835(a, x12.file([x12.claim_with_paid(f"TS-{i}", 0, cas=[("CO", "16", 10000)]) for i in range(1, 6)],
                                           trace="TS-T"))
    assert status == 201, body
    try:
        yield a, Client(second.port, a.token), ids
    finally:
        second.stop()


def claim_id(client, number):
    (claim,) = [c for c in client.all_pages("/v1/claims") if c["claim_number"] == number]
    return claim["id"]


def test_fifty_opens_of_one_claim_alternating_between_servers_let_one_win(pair):
    a, b, _ = pair
    body = {"claims": [{"claim_id": claim_id(a, "TS-1")}], "subject": "missing information", "carc_codes": ["CO-16"]}
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda i: (a if i % 2 else b).post("/v1/cases", body), range(50)))
    assert collections.Counter(status for status, _, _ in results) == {201: 1, 409: 49}
    winner = next(body for status, body, _ in results if status == 201)
    assert all(problem["active_case"]["id"] == winner["id"] for status, problem, _ in results if status == 409)
    assert [c["id"] for c in b.all_pages("/v1/cases?view=all")].count(winner["id"]) == 1


def test_a_change_through_one_server_is_served_at_once_by_the_other(pair):
    a, b, _ = pair
    dashboard = "/v1/dashboards/case-insights"
    status, before, headers = b.get(dashboard)
    assert status == 200
    dashboard_etag = headers["etag"]
    status, _, headers = b.get("/v1/cases?view=open")
    view_etag = headers["etag"]
    status, case, _ = a.post("/v1/cases", {"claims": [{"claim_id": claim_id(a, "TS-2")}], "subject": "missing information"})
    assert status == 201, case
    # B's poll with the old ETag gets the new figures, never a stale 304.
    status, after, headers = b.get(dashboard, headers={"If-None-Match": dashboard_etag})
    assert status == 200 and headers["etag"] != dashboard_etag
    assert sum(row["count"] for row in after["open_by_subject"]) == sum(row["count"] for row in before["open_by_subject"]) + 1
    status, page, _ = b.get("/v1/cases?view=open", headers={"If-None-Match": view_etag})
    assert status == 200 and case["id"] in [row["id"] for row in page["items"]]
    # The case itself: B's ETag goes stale the moment A's change commits.
    status, seen, headers = b.get(f"/v1/cases/{case['id']}")
    case_etag = headers["etag"]
    status, changed, _ = a.patch(f"/v1/cases/{case['id']}", {"description": "Called the payer from server A."})
    assert status == 200, changed
    status, fresh, headers = b.get(f"/v1/cases/{case['id']}", headers={"If-None-Match": case_etag})
    assert status == 200 and fresh["description"] == "Called the payer from server A." and headers["etag"] != case_etag


def test_twenty_retries_of_one_key_across_both_servers_open_one_case(pair):
    a, b, _ = pair
    key = str(uuid.uuid4())
    body = {"claims": [{"claim_id": claim_id(a, "TS-3")}], "subject": "missing information"}
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda i: (a if i % 2 else b).post("/v1/cases", body, headers={"Idempotency-Key": key}), range(20)))
    assert [status for status, _, _ in results] == [201] * 20, [(s, p) for s, p, _ in results if s != 201]
    assert len({case["id"] for _, case, _ in results}) == 1
    assert sum(1 for _, _, headers in results if headers.get("idempotent-replayed") == "true") == 19


def test_a_server_killed_during_writes_loses_nothing_acknowledged_and_retries_act_once(server, pair):
    """1,000 notes written over server A and a third server C, C killed with SIGKILL a third of the way in:
    every note acknowledged (by either) is there through A, and retrying each unacknowledged write on A with
    its Idempotency-Key leaves exactly one note per key."""
    a, _, _ = pair
    doomed = Server(server.tmp, shares=server, log_name="server-c.log")
    doomed.start()
    c = Client(doomed.port, a.token)
    status, case, _ = a.post("/v1/cases", {"claims": [{"claim_id": claim_id(a, "TS-4")}], "subject": "missing information"})
    assert status == 201, case
    path = f"/v1/cases/{case['id']}/activities"
    keys = [f"kill-{uuid.uuid4()}" for _ in range(1000)]
    acknowledged = {}
    killed = threading.Event()

    def write(i):
        client = a if i % 2 else c
        if i == 333:
            doomed.proc.send_signal(signal.SIGKILL)
            doomed.proc.wait(timeout=30)
            killed.set()
        try:
            status, note, _ = client.post(path, {"kind": "note", "subject": keys[i]}, headers={"Idempotency-Key": keys[i]})
        except (OSError, http.client.HTTPException):   # refused, reset, or cut off mid-answer: not acknowledged
            return i, None
        return i, note["id"] if status == 201 else None

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for i, note_id in pool.map(write, range(1000)):
            if note_id:
                acknowledged[keys[i]] = note_id
    assert killed.is_set() and 300 <= len(acknowledged) < 1000, len(acknowledged)
    notes = {n["subject"]: n["id"] for n in a.all_pages(path) if n["kind"] == "note"}
    assert all(notes.get(key) == note_id for key, note_id in acknowledged.items())
    for key in keys:
        if key not in acknowledged:
            status, note, _ = a.post(path, {"kind": "note", "subject": key}, headers={"Idempotency-Key": key})
            assert status == 201, note
    subjects = collections.Counter(n["subject"] for n in a.all_pages(path) if n["kind"] == "note")
    assert subjects == collections.Counter(keys)
