#!/usr/bin/env python3
"""`make bench`: work-list views and dashboards, the server against the sqlite3 CLI.

Seeds var/bench.sqlite with the project's own generator (`casework demo --claims N --cases M`),
starts the release server on 127.0.0.1 with port 0, and for each view's first page and each
dashboard prints the server's median latency over one keep-alive HTTP connection beside the
median wall time of the sqlite3 CLI running the equivalent SQL on the same file (one process
per run), as a ratio.

The equivalent SQL mirrors Sources/CaseworkStorage with literal values substituted:
  * authentication (TokenRepository.authenticate: the token digest lookup and the caller's teams),
    in its own read transaction as the server does;
  * a view page: CaseRepository.list, i.e. the page's ids by sort key (CaseQuery.conditions, LIMIT 51),
    then CaseRepository.rows(ids:) over the 50 ids: rowSelect ... WHERE c.id IN (...) and the three
    follow-up queries for tags, CARCs and open tasks;
  * /v1/views: CaseRepository.viewCounts;
  * case-insights: the five queries of DashboardRepository.caseInsights (InsightsSQL);
  * tier1: the queries of DashboardRepository.tierOne (list_limit 10), each case list as ids first,
    then its rows as above.
The SQL files are (re)generated into bench/sql/ on every run, since they carry the ids of the
seeded database.

Python 3 standard library only. Traffic goes to 127.0.0.1 only; the only process stopped is the
server this script started, by its PID.
"""

import argparse
import datetime
import hashlib
import http.client
import itertools
import json
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storage_sql import auth_statements, endpoints, lit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SQL_DIR = BENCH / "sql"
ADMIN_EMAIL = "dana@demo.casework.dev"
ORG_NAME = "Demo Billing"


def log(message):
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- sqlite3 CLI


class SQLite:
    def __init__(self, binary, db):
        self.binary = binary
        self.db = db

    def rows(self, sql):
        """Result rows of `sql` (read-only), each a list of strings."""
        result = subprocess.run([self.binary, "-readonly", "-batch", "-noheader", "-separator", "\x1f", "-newline", "\x1e", str(self.db)],
                                input=sql, capture_output=True, text=True, check=False)
        if result.returncode != 0 or result.stderr.strip():
            raise RuntimeError(f"sqlite3 failed ({result.returncode}): {result.stderr.strip()}\nSQL:\n{sql}")
        return [record.split("\x1f") for record in result.stdout.split("\x1e") if record != ""]

    def one(self, sql):
        rows = self.rows(sql)
        return rows[0] if rows else None

    def time_script(self, path, runs, seconds):
        """Wall times (s) of whole `sqlite3 -readonly DB < path > /dev/null` processes."""
        times = []
        deadline = time.monotonic() + seconds
        command = [self.binary, "-readonly", str(self.db)]
        while len(times) < runs and (len(times) < 3 or time.monotonic() < deadline):
            with open(path, "rb") as script:
                started = time.perf_counter()
                result = subprocess.run(command, stdin=script, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
                elapsed = time.perf_counter() - started
            if result.returncode != 0 or result.stderr:
                raise RuntimeError(f"sqlite3 < {path} failed: {result.stderr.decode(errors='replace').strip()}")
            times.append(elapsed)
        return times

    def statement_times(self, path):
        """(seconds, statement) per statement of a script, from one `.timer on` run."""
        text = Path(path).read_text()
        statements = split_statements(text)
        marked = ".timer on\n" + "".join(f"SELECT '@@{i}';\n{s}\n" for i, s in enumerate(statements))
        result = subprocess.run([self.binary, "-readonly", "-batch", str(self.db)], input=marked, capture_output=True, text=True, check=False)
        out = []
        current, skip = None, False
        for line in result.stdout.splitlines():
            mark = re.fullmatch(r"@@(\d+)", line.strip())
            if mark:
                current, skip = int(mark.group(1)), True  # the next timing is the marker's own
                continue
            timing = re.match(r"Run Time: real ([0-9.]+)", line)
            if timing and current is not None:
                if skip:
                    skip = False
                    continue
                out.append((float(timing.group(1)), statements[current]))
                current = None
        return out


def split_statements(text):
    """Statements of a generated script (each ends with `;` at the end of a line)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    return [s.strip() + ";" for s in re.split(r";\s*\n", body) if s.strip() and s.strip() != ";"]


def write_script(slug, path, caller, statements, header):
    SQL_DIR.mkdir(parents=True, exist_ok=True)
    target = SQL_DIR / f"{slug}.sql"
    text = [f"-- GET {path}", f"-- {header}", "-- Generated by bench/bench_views.py; regenerated on every run (ids are those of the bench DB).",
            "-- Authentication (TokenRepository.authenticate):"]
    text += auth_statements(caller)
    text += ["-- The handler's read transaction:", "BEGIN DEFERRED;"] + statements + ["COMMIT;", ""]
    target.write_text("\n".join(text))
    return target


# --------------------------------------------------------------------------- build, seed, serve


def run(command, **kwargs):
    log("$ " + " ".join(str(c) for c in command))
    return subprocess.run(command, cwd=ROOT, check=True, **kwargs)


def build(swift):
    run([swift, "build", "-c", "release"])
    bin_dir = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "casework"
    if not binary.exists():
        raise SystemExit(f"no casework binary at {binary}")
    return binary


def generator_fingerprint():
    """Hash of what decides the seeded data: the demo generator sources and the migrations."""
    digest = hashlib.sha256()
    files = sorted((ROOT / "Sources" / "casework").glob("Demo*.swift")) + sorted((ROOT / "migrations").glob("*.sql"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def mint_token(binary, db):
    """A new token for the demo admin: `demo` on an existing demo database only issues one."""
    token = subprocess.run([str(binary), "demo", "--db", str(db)], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    Path(str(db) + ".token").write_text(token + "\n")
    return token


def remove_db(db):
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def seed(binary, db, claims, cases, reseed):
    """Seeds `db` unless a database made with the same parameters is there; returns a bearer token."""
    marker = Path(str(db) + ".params")
    token_file = Path(str(db) + ".token")
    params = {"claims": claims, "cases": cases, "generator": generator_fingerprint()}
    existing = json.loads(marker.read_text()) if marker.exists() else None
    if not reseed and existing == params and db.exists():
        log(f"reusing {db} (made with {params})")
        if token_file.exists():
            return token_file.read_text().strip(), 0.0
        return mint_token(binary, db), 0.0
    help_text = subprocess.run([str(binary), "demo", "--help"], cwd=ROOT, capture_output=True, text=True).stdout
    if "--cases" not in help_text:
        raise SystemExit("this casework's `demo` has no --cases option: the bench needs the bulk demo generator")
    remove_db(db)
    marker.unlink(missing_ok=True)
    token_file.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result = run([str(binary), "demo", "--db", str(db), "--claims", str(claims), "--cases", str(cases)], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    log(result.stderr.strip())
    token = result.stdout.strip().splitlines()[-1].strip()
    token_file.write_text(token + "\n")
    marker.write_text(json.dumps(params) + "\n")
    log(f"seeded in {elapsed:.1f} s")
    return token, elapsed


class Server:
    """`casework serve --port 0` on 127.0.0.1; stopped with SIGTERM by PID."""

    def __init__(self, binary, db, log_path):
        self.log_file = open(log_path, "wb")
        self.process = subprocess.Popen([str(binary), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0"], cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=self.log_file, start_new_session=True)
        try:
            self.port = self._wait_for_port(log_path)
        except BaseException:
            self.stop()
            raise
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=lambda: self.process.stdout.read(), daemon=True).start()

    def _wait_for_port(self, log_path):
        deadline = time.monotonic() + 30
        line = b""
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                raise SystemExit(f"server did not report its port (see {log_path})")
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 1)
                if not chunk:
                    continue
                line += chunk
        match = re.match(r"listening on http://127\.0\.0\.1:(\d+)", line.decode())
        if not match:
            raise SystemExit(f"unexpected first line from the server: {line!r}")
        return int(match.group(1))

    def stop(self):
        """SIGTERM to our server's PID (SIGKILL if it is still there 15 s later)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


def time_endpoint(port, token, path, warmup, requests, seconds, check, fresh=False):
    """Latencies (s) of GET `path` over one keep-alive connection, after `warmup` requests.

    With `fresh`, every request carries a distinct unused query parameter, so the server's
    representation cache (keyed by target) never answers and each request runs the SQL; without
    it, the data is unchanged between requests, which is what a polling widget sees."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    connection.connect()
    socket = connection.sock
    size = 0

    counter = itertools.count()

    def get():
        target = f"{path}{'&' if '?' in path else '?'}bench_fresh={next(counter)}" if fresh else path
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
        if response.will_close or connection.sock is not socket:
            raise RuntimeError(f"GET {path}: the server did not keep the connection alive")
        return body

    try:
        for index in range(warmup):
            body = get()
            if index == 0:
                problem = check(json.loads(body)) if check else None
                if problem:
                    raise RuntimeError(f"GET {path}: the response does not match the equivalent SQL: {problem}")
                size = len(body)
        times = []
        deadline = time.monotonic() + seconds
        while len(times) < requests and (len(times) < 5 or time.monotonic() < deadline):
            started = time.perf_counter()
            get()
            times.append(time.perf_counter() - started)
        return times, size
    finally:
        connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


# --------------------------------------------------------------------------- main


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="var/bench.sqlite")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint (at most)")
    parser.add_argument("--seconds", type=float, default=20, help="time bound per endpoint for the server and for the CLI")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--sqlite-runs", type=int, default=30, help="sqlite3 processes per endpoint (at most)")
    parser.add_argument("--sqlite3", default="sqlite3")
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    parser.add_argument("--no-build", action="store_true", help="use the existing release binary")
    parser.add_argument("--reseed", action="store_true", help="seed again even if the marker matches")
    parser.add_argument("--only", help="regular expression: only endpoints whose label matches")
    parser.add_argument("--breakdown", action="store_true", help="also time each statement once (.timer on) and show the slowest")
    args = parser.parse_args()

    overall = time.monotonic()
    signal.signal(signal.SIGTERM, interrupted)  # so that `finally` stops the server
    os.chdir(ROOT)
    db = (ROOT / args.db).resolve()
    sqlite = SQLite(args.sqlite3, db)

    if args.no_build:
        bin_dir = subprocess.run([args.swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip()
        binary = Path(bin_dir) / "casework"
    else:
        build_started = time.monotonic()
        binary = build(args.swift)
        log(f"release build: {time.monotonic() - build_started:.1f} s")
    token, _ = seed(binary, db, args.claims, args.cases, args.reseed)

    # Who the token stands for, through the server's own lookup.
    who_sql = lambda digest: (
        "SELECT u.id, u.organization_id, u.email, o.name FROM api_tokens t JOIN users u ON u.id = t.user_id "
        f"JOIN organizations o ON o.id = u.organization_id WHERE t.token_sha256 = {lit(digest)} AND t.revoked_at IS NULL;")
    digest = hashlib.sha256(token.encode()).hexdigest()
    who = sqlite.one(who_sql(digest))
    if not who:
        log("the saved token is unknown to the database: asking `casework demo` for a new one")
        token = mint_token(binary, db)
        digest = hashlib.sha256(token.encode()).hexdigest()
        who = sqlite.one(who_sql(digest))
    if not who:
        raise SystemExit("no token for the demo admin: run with --reseed")
    if who[2] != ADMIN_EMAIL or who[3] != ORG_NAME:
        raise SystemExit(f"the bench token belongs to {who[2]} of {who[3]!r}, expected {ADMIN_EMAIL} of {ORG_NAME!r}")
    teams = [row[0] for row in sqlite.rows(f"SELECT team_id FROM team_members WHERE user_id = {lit(who[0])} ORDER BY team_id;")]
    caller = {"user": who[0], "org": who[1], "teams": teams, "digest": digest}
    claims, cases = sqlite.one(f"SELECT (SELECT COUNT(*) FROM claims WHERE organization_id = {lit(caller['org'])}), "
                               f"(SELECT COUNT(*) FROM cases WHERE organization_id = {lit(caller['org'])});")
    activities = sqlite.one("SELECT COUNT(*) FROM activities;")[0]
    sqlite_version = sqlite.one("SELECT sqlite_version();")[0]

    today = datetime.datetime.now(datetime.timezone.utc).date()
    plan = endpoints(sqlite, caller, today)
    if args.only:
        plan = [item for item in plan if re.search(args.only, item[0])]
    scripts = []
    for label, path, slug, statements, _ in plan:
        header = f"caller {caller['user']} (teams: {', '.join(teams) or 'none'}), organization {caller['org']}, today {today}"
        scripts.append(write_script(slug, path, caller, statements, header))
    # Start-up cost of the CLI alone, for reading the ratios.
    baseline_script = SQL_DIR / "_baseline.sql"
    baseline_script.write_text("-- sqlite3 start-up, open and schema read only.\nSELECT 1 FROM sqlite_schema LIMIT 1;\n")

    server_log = db.parent / "bench-server.log"
    load_before = os.getloadavg()
    results = []
    server = None
    try:
        server = Server(binary, db, server_log)
        log(f"server pid {server.process.pid} on 127.0.0.1:{server.port}; log in {server_log}")
        for (label, path, slug, _, check), script in zip(plan, scripts):
            server_times, size = time_endpoint(server.port, token, path, args.warmup, args.requests, args.seconds, check, fresh=True)
            polling_times, _ = time_endpoint(server.port, token, path, args.warmup, args.requests, args.seconds, None)
            cli_times = sqlite.time_script(script, args.sqlite_runs, args.seconds)
            results.append((label, server_times, cli_times, size, script, polling_times))
            log(f"{label}: server {statistics.median(server_times) * 1e3:.2f} ms ({len(server_times)} req), "
                f"unchanged-data polls {statistics.median(polling_times) * 1e3:.2f} ms, "
                f"sqlite3 {statistics.median(cli_times) * 1e3:.2f} ms ({len(cli_times)} runs)")
        baseline = statistics.median(sqlite.time_script(baseline_script, args.sqlite_runs, args.seconds))
    finally:
        if server:
            server.stop()

    # ------------------------------------------------------------------ report
    print()
    print(f"Casework bench: {claims} claims, {cases} cases, {activities} activities in {db.relative_to(ROOT) if db.is_relative_to(ROOT) else db}")
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    load_after = os.getloadavg()
    print(f"machine: nproc={nproc}, {os.uname().machine}, SQLite {sqlite_version}; load average (1 min) {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after the measurements; caller {ADMIN_EMAIL} (admin, teams: {len(teams)})")
    print(f"server: {args.warmup} warm-up requests, then up to {args.requests} (or {args.seconds:g} s) on one keep-alive connection; "
          f"sqlite3: up to {args.sqlite_runs} runs (or {args.seconds:g} s) of `sqlite3 -readonly DB < bench/sql/X.sql > /dev/null`")
    print()
    header = ("endpoint", "server p50 ms", "server p90 ms", "n", "sqlite3 p50 ms", "runs", "ratio", "poll p50 ms", "poll ratio", "bytes")
    rows = []
    for label, server_times, cli_times, size, _, polling_times in results:
        s50, s90, c50 = statistics.median(server_times), percentile(server_times, 0.9), statistics.median(cli_times)
        p50 = statistics.median(polling_times)
        rows.append((label, f"{s50 * 1e3:.2f}", f"{s90 * 1e3:.2f}", str(len(server_times)), f"{c50 * 1e3:.2f}", str(len(cli_times)),
                     f"{s50 / c50:.2f}", f"{p50 * 1e3:.2f}", f"{p50 / c50:.3f}", str(size)))
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()
    print(f"sqlite3 CLI start-up alone (open the file, read the schema, SELECT 1): median {baseline * 1e3:.2f} ms")
    print("ratio = server median / sqlite3 CLI median. The server time is a whole HTTP request (auth lookup, the same SQL,")
    print("JSON encoding, ETag) on a warm, open connection; the CLI time is a whole process: start-up, opening the file,")
    print("parsing the schema and preparing every statement cold, then the same SQL. Ratio < 1: the server answers faster")
    print("than the CLI can even run the query; ratio well above 1 means the server spends time beyond the SQL itself.")
    print("server columns: every request computed afresh (a distinct unused query parameter defeats the representation")
    print("cache). poll columns: the same request repeated while the data is unchanged, as a polling widget sends it,")
    print("answered from the cache after one indexed read of the organization's data version.")

    if args.breakdown:
        print()
        print("slowest statement per endpoint (one sqlite3 run with .timer on, the read transaction included):")
        for label, _, _, _, script, _ in results:
            timings = sqlite.statement_times(script)
            if not timings:
                continue
            total = sum(t for t, _ in timings)
            seconds, statement = max(timings)
            first = " ".join(statement.split())[:150]
            print(f"  {label}: {seconds * 1e3:.2f} ms of {total * 1e3:.2f} ms: {first}")
    print()
    print(f"total bench time: {time.monotonic() - overall:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
