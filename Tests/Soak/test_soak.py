"""Issue 11: the soak. 256 keep-alive connections send mixed traffic for SOAK_SECONDS (make soak: 60;
make test: 15) to `casework serve` over a database loaded as `make run` loads it — work-list reads,
case reads, dashboard polls with If-None-Match, case creates on claims others may be taking,
patches, timeline notes and resolves. Then: no transport error, no 5xx, no status an operation
does not expect; memory steady; descriptors back to the baseline once the clients leave; rule 1
intact (no claim in two active cases).

Memory: SQLite's page caches fill as the database grows under the writes and then stay at their
configured size (`sqlite_page_cache_budget_bytes`, 48 MiB), and the pages of the database file the
server reads through its memory map count in RSS as mapped file pages (the kernel's page cache,
bounded by the file's size and dropped under pressure), so raw RSS climbs for minutes before it
levels off. The test therefore splits RSS (/proc: RssAnon, RssFile) and reads what SQLite's page
caches hold (`sqlite_page_cache_bytes` from /metrics) at the end of warm-up (the first third) and at
the end: the process's memory outside the page caches (anonymous RSS minus them) must end within 10%
of its warm-up figure, and the page caches within their budget plus a quarter. Raw RSS, the mapped
files and the C heap's live and free bytes are printed beside them.
Polls send If-None-Match, but with writes arriving all the time most are answered afresh
(issue 13 is about making that cheap)."""
import asyncio
import collections
import json
import os
import pathlib
import random
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = pathlib.Path(__file__).resolve().parents[2]
ERA = ROOT.parent / "shared" / "data" / "x12" / "835"
METRICS_TOKEN = "soak-metrics-token"
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "256"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))

import importlib.util
_spec = importlib.util.spec_from_file_location("e2e_support", ROOT / "Tests" / "EndToEnd" / "conftest.py")
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)


def proc_value(pid, field):
    """A /proc/<pid>/status figure in kB (VmRSS, ...)."""
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def memory_figures(port):
    """sqlite_page_cache_bytes, sqlite_page_cache_budget_bytes, process_heap_in_use_bytes and
    process_heap_free_bytes from GET /metrics."""
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    assert response.status == 200, text[:300]
    values = {sample.name: sample.value for family in text_string_to_metric_families(text) for sample in family.samples}
    names = ["sqlite_page_cache_bytes", "sqlite_page_cache_budget_bytes", "process_heap_in_use_bytes", "process_heap_free_bytes"]
    return {name: int(values[name]) for name in names}


def open_descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def settled_descriptors(pid, seconds=10):
    """The descriptor count once it has held still for half a second (a connection the server is
    still closing would otherwise count), waiting at most `seconds`."""
    deadline = time.monotonic() + seconds
    count, since = open_descriptors(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = open_descriptors(pid)
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= 0.5:
            break
    return count


class Connection:
    """One keep-alive HTTP/1.1 connection: requests in sequence, Content-Length bodies (the
    operations used here never stream)."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {self.token}",
                "Accept: application/json", f"Content-Length: {len(data)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        fields = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        assert "transfer-encoding" not in fields, (path, fields)
        payload = await self.reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            raise ConnectionError(f"the server closed the connection after {status} {path}")
        return status, fields, payload

    def close(self):
        if self.writer:
            self.writer.close()


class Traffic:
    """The mix, each operation with the statuses it may rightly get. 409s are real answers under
    contention: a claim another connection took, a case another connection resolved."""

    def __init__(self, case_ids, claims_by_payer):
        self.case_ids, self.claims_by_payer = case_ids, claims_by_payer
        self.counts = collections.Counter()
        self.errors = []

    def pick(self, rng):
        case = rng.choice(self.case_ids)
        roll = rng.random()
        if roll < 0.25:
            sort = rng.choice(["-created_at", "-total_outstanding", "follow_up_by", "number"])
            return "list", "GET", f"/v1/cases?view={rng.choice(['open', 'all', 'in_progress'])}&sort={sort}&limit=20", None, {200}
        if roll < 0.40:
            return "case", "GET", f"/v1/cases/{case}", None, {200}
        if roll < 0.60:
            path = rng.choice(["/v1/dashboards/case-insights", "/v1/dashboards/case-insights?drill_down=owner", "/v1/dashboards/tier1"])
            return "poll", "GET", path, None, {200, 304}
        if roll < 0.72:
            payer_claims = rng.choice(self.claims_by_payer)
            picked = rng.sample(payer_claims, min(len(payer_claims), rng.choice([1, 1, 2])))
            return "create", "POST", "/v1/cases", {"claims": [{"claim_id": c} for c in picked], "subject": "other"}, {201, 409}
        if roll < 0.84:
            return "patch", "PATCH", f"/v1/cases/{case}", {"priority": rng.choice(["low", "normal", "high"])}, {200, 409}
        if roll < 0.95:
            return "note", "POST", f"/v1/cases/{case}/activities", {"kind": "note", "subject": "Soak note", "body": "Called."}, {201, 409}
        return "resolve", "POST", f"/v1/cases/{case}/resolve", {"cancel_open_activities": True}, {200, 409}

    async def run(self, port, token, seed, deadline):
        rng = random.Random(seed)
        etags = {}
        connection = Connection(port, token)
        try:
            await connection.open()
            while time.monotonic() < deadline:
                name, method, path, body, expected = self.pick(rng)
                headers = {"If-None-Match": etags[path]} if name == "poll" and path in etags else None
                status, fields, payload = await connection.request(method, path, body, headers)
                self.counts[(name, status)] += 1
                if status not in expected:
                    self.errors.append(f"{method} {path}: {status} {payload[:300]!r}")
                elif name == "poll" and status == 200:
                    etags[path] = fields["etag"]
                elif name == "create" and status == 201:
                    self.case_ids.append(json.loads(payload)["id"])
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
            self.errors.append(f"connection {seed}: {type(error).__name__}: {error}")
        finally:
            connection.close()


@pytest.fixture(scope="module")
def server():
    with __import__("tempfile").TemporaryDirectory() as tmp:
        s = e2e.Server(tmp)
        s.token = s.cli("demo", "--db", s.db).splitlines()[0].strip()
        s.cli("import-835", "--db", s.db, *map(str, sorted(ERA.iterdir())))
        os.environ["CASEWORK_METRICS_TOKEN"] = METRICS_TOKEN
        s.start()
        yield s
        s.stop()


def test_soak(server):
    api = e2e.Client(server.port, server.token)
    case_ids = [row["id"] for row in api.all_pages("/v1/cases?view=open")]
    claims_by_payer = collections.defaultdict(list)
    for claim in api.all_pages("/v1/claims"):
        claims_by_payer[claim["payer_id"]].append(claim["id"])
    pid = server.proc.pid
    baseline_fds = settled_descriptors(pid)
    traffic = Traffic(case_ids, list(claims_by_payer.values()))
    started = time.monotonic()
    samples = {}

    async def watch():
        """RSS every twelfth of the run (printed, to tell a plateau from a leak), the warm-up figure at a third."""
        samples["curve"] = []
        for step in range(1, 12):
            await asyncio.sleep(SECONDS / 12)
            samples["curve"].append(proc_value(pid, "VmRSS") // 1024)
            if step == 4:
                samples["warm"] = proc_value(pid, "VmRSS") * 1024
                samples["warm_anon"], samples["warm_file"] = proc_value(pid, "RssAnon") * 1024, proc_value(pid, "RssFile") * 1024
                samples["warm_figures"] = await asyncio.to_thread(memory_figures, server.port)
                samples["peak_fds"] = open_descriptors(pid)

    async def main():
        deadline = time.monotonic() + SECONDS
        await asyncio.gather(watch(), *(traffic.run(server.port, server.token, seed, deadline) for seed in range(CONNECTIONS)))
    asyncio.run(main())
    elapsed = time.monotonic() - started
    end_rss = proc_value(pid, "VmRSS") * 1024
    end_anon, end_file = proc_value(pid, "RssAnon") * 1024, proc_value(pid, "RssFile") * 1024
    warm, end = samples["warm_figures"], memory_figures(server.port)
    end_cache, budget = end["sqlite_page_cache_bytes"], end["sqlite_page_cache_budget_bytes"]
    warm_rest, end_rest = samples["warm_anon"] - warm["sqlite_page_cache_bytes"], end_anon - end_cache

    end_fds = settled_descriptors(pid)

    total = sum(traffic.counts.values())
    by_operation, by_status = collections.Counter(), collections.Counter()
    for (name, status), count in traffic.counts.items():
        by_operation[name] += count
        by_status[status] += count
    print(f"\nsoak: {CONNECTIONS} connections, {elapsed:.1f} s, {total} requests ({total / elapsed:.0f}/s); "
          f"by operation {dict(by_operation)}; statuses {dict(by_status)}; "
          f"RSS {samples['warm'] // 2**20} MiB after warm-up, {end_rss // 2**20} MiB at the end, of which SQLite's page caches "
          f"{warm['sqlite_page_cache_bytes'] // 2**20} → {end_cache // 2**20} MiB (budget {budget // 2**20} MiB), other anonymous memory "
          f"{warm_rest // 2**20} → {end_rest // 2**20} MiB ({(end_rest / warm_rest - 1) * 100:+.1f}%), mapped files {samples['warm_file'] // 2**20} → {end_file // 2**20} MiB; "
          f"heap in use {warm['process_heap_in_use_bytes'] // 2**20} → {end['process_heap_in_use_bytes'] // 2**20} MiB, "
          f"free in the heap {warm['process_heap_free_bytes'] // 2**20} → {end['process_heap_free_bytes'] // 2**20} MiB; descriptors {baseline_fds} → "
          f"{samples['peak_fds']} under load → {end_fds}; RSS curve (MB) {samples['curve']}; "
          f"database {os.path.getsize(server.db) // 1_000_000} MB + WAL {os.path.getsize(server.db + '-wal') // 1_000_000} MB")
    assert not traffic.errors, f"{len(traffic.errors)} errors, first: {traffic.errors[:5]}"
    assert all(status < 500 for (_, status) in traffic.counts), traffic.counts
    assert {name for name, _ in traffic.counts} == {"list", "case", "poll", "create", "patch", "note", "resolve"}
    assert traffic.counts[("create", 201)] > 0 and traffic.counts[("resolve", 200)] > 0
    assert samples["peak_fds"] >= baseline_fds + CONNECTIONS * 0.9, "the connections were not all open at once"
    assert end_fds <= baseline_fds, f"descriptors: {baseline_fds} before, {end_fds} after"
    assert end_rest <= warm_rest * 1.10, f"anonymous memory outside SQLite's page caches grew from {warm_rest} to {end_rest} bytes"
    assert end_cache <= budget * 1.25, f"SQLite's page caches hold {end_cache} bytes, over their budget {budget}"

    # Rule 1: no claim is held by two active cases.
    holders = collections.defaultdict(list)
    for row in api.all_pages("/v1/cases?view=open"):
        for claim in api.get(f"/v1/cases/{row['id']}")[1]["claims"]:
            holders[claim["claim_id"]].append(row["id"])
    doubled = {claim: cases for claim, cases in holders.items() if len(cases) > 1}
    assert not doubled, f"claims in two active cases: {doubled}"
