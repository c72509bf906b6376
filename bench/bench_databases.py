#!/usr/bin/env python3
"""`make bench` (issue 10): GET and POST of a case on PostgreSQL with one and with two servers, beside
SQLite, as ratios measured in one run.

1. Builds `casework` in release mode (unless `--no-build`).
2. Starts a throwaway PostgreSQL from Debian's binaries (Tests/EndToEnd/postgres_server.py) with fsync
   on, as SQLite's `synchronous = FULL` fsyncs every commit: both wait for the disk before answering.
3. Seeds an SQLite file and a PostgreSQL database with `casework demo --claims N --cases M`, and copies
   the PostgreSQL one (CREATE DATABASE … TEMPLATE): one for one server, the copy for two servers sharing it.
4. For `--rounds` rounds, the three set-ups in rotating order (a slow minute falls on all of them):
   the servers started on 127.0.0.1; then
   - latency: on one keep-alive connection per server, `--requests` times GET /v1/cases/{id} (ids of
     the seeded cases, cycled) and `--requests` times POST /v1/cases with one free claim; with two
     servers the requests alternate between them. Median and p90 per round;
   - throughput: `--clients` threads, each with its own keep-alive connection (spread over the servers),
     for `--seconds` s of GETs and then `--seconds` s of POSTs (each POST takes its own free claim).
     Requests per second.
   Every answer is checked (200 with the case asked for; 201 with the claim linked).
5. Then `casework import-835` of a `--post-mb` MB file from bench/make_835.py (default 1) into the SQLite
   file and into the one-server PostgreSQL database, the servers stopped (the whole process, wall clock).
6. Prints the medians over the rounds and the ratios PostgreSQL ÷ SQLite and two servers ÷ one.

Python 3 standard library only; traffic to 127.0.0.1 only; every process started is stopped.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-databases"
sys.path.insert(0, str(ROOT / "Tests" / "EndToEnd"))
import postgres_server  # noqa: E402  (the test harness's throwaway PostgreSQL)


def log(message):
    print(message, file=sys.stderr, flush=True)


def build(swift):
    subprocess.run([swift, "build", "-c", "release", "--product", "casework"], cwd=ROOT, check=True)
    out = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return Path(out) / "casework"


class Connection:
    """One keep-alive connection with the bearer token; `call` answers (status, decoded body)."""

    def __init__(self, port, token):
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method, path, body=None):
        self.http.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.http.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if data else None)

    def close(self):
        self.http.close()


class SetUp:
    """One database and the servers over it: `database` is the `--db`/`--database` argument pair."""

    def __init__(self, name, binary, database, servers):
        self.name, self.binary, self.database, self.server_count = name, binary, database, servers
        self.processes, self.ports, self.logs = [], [], []

    def seed(self, claims, cases):
        out = subprocess.run([self.binary, "demo", *self.database, "--claims", str(claims), "--cases", str(cases)],
                             check=True, capture_output=True, text=True).stdout
        self.token = out.strip().splitlines()[-1].strip()

    def start(self):
        for index in range(self.server_count):
            log_file = open(VAR / f"{self.name}-{index}.log", "a")
            self.logs.append(log_file)
            process = subprocess.Popen([self.binary, "serve", *self.database, "--host", "127.0.0.1", "--port", "0"],
                                       stdout=subprocess.PIPE, stderr=log_file, text=True)
            self.processes.append(process)
            self.ports.append(int(process.stdout.readline().strip().rsplit(":", 1)[1]))

    def stop(self):
        for process in self.processes:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log_file in self.logs:
            log_file.close()
        self.processes, self.ports, self.logs = [], [], []

    def connections(self, count):
        """`count` connections spread round robin over the servers."""
        return [Connection(self.ports[i % len(self.ports)], self.token) for i in range(count)]

    def inventory(self):
        """(case ids, free claim ids, a subject) read through the first server."""
        connection = self.connections(1)[0]
        cases = [c["id"] for c in paged(connection, "/v1/cases?view=all&limit=200")][:500]
        free = [c["id"] for c in paged(connection, "/v1/claims?has_active_case=false&limit=200")]
        status, subjects = connection.call("GET", "/v1/subjects")
        connection.close()
        if status != 200 or not cases or not free:
            raise SystemExit(f"{self.name}: the seeded database has no cases or no free claims")
        return cases, free, subjects["items"][0]


def paged(connection, path):
    items, cursor = [], None
    while True:
        status, page = connection.call("GET", path + (f"&cursor={cursor}" if cursor else ""))
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {page}")
        items += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def get_case(connection, case_id):
    status, body = connection.call("GET", f"/v1/cases/{case_id}")
    if status != 200 or body["id"] != case_id:
        raise SystemExit(f"GET /v1/cases/{case_id} answered {status}: {body}")


def post_case(connection, claim_id, subject):
    status, body = connection.call("POST", "/v1/cases", {"claims": [{"claim_id": claim_id}], "subject": subject})
    if status != 201 or [c["claim_id"] for c in body["claims"]] != [claim_id]:
        raise SystemExit(f"POST /v1/cases for {claim_id} answered {status}: {body}")


def latency(set_up, cases, free, subject, requests):
    """(GET ms median, GET ms p90, POST ms median, POST ms p90), requests alternating over the servers."""
    connections = set_up.connections(set_up.server_count)
    figures = {"get": [], "post": []}
    for index in range(requests):
        connection = connections[index % len(connections)]
        started = time.perf_counter()
        get_case(connection, cases[index % len(cases)])
        figures["get"].append((time.perf_counter() - started) * 1000)
    for index in range(requests):
        connection = connections[index % len(connections)]
        claim = free.pop()
        started = time.perf_counter()
        post_case(connection, claim, subject)
        figures["post"].append((time.perf_counter() - started) * 1000)
    for connection in connections:
        connection.close()
    return [f(values) for values in (figures["get"], figures["post"]) for f in (statistics.median, p90)]


def p90(values):
    return sorted(values)[int(len(values) * 0.9)]


def throughput(set_up, clients, seconds, work):
    """Requests per second of `clients` threads each calling `work(connection, n)` until the time is up."""
    connections = set_up.connections(clients)
    counts, failures = [0] * clients, []
    deadline = time.perf_counter() + seconds

    def client(index):
        try:
            while time.perf_counter() < deadline:
                work(connections[index], counts[index])
                counts[index] += 1
        except BaseException as error:  # a failed answer ends the run with its message below
            failures.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for connection in connections:
        connection.close()
    if failures:
        raise SystemExit(f"{set_up.name}: {failures[0]}")
    return sum(counts) / elapsed


def one_round(set_up, args):
    try:
        set_up.start()     # inside: a server that fails to start stops the ones already started
        cases, free, subject = set_up.inventory()
        needed = args.requests + int(args.seconds * 1000)
        if len(free) < needed:
            raise SystemExit(f"{set_up.name}: {len(free)} free claims, {needed} wanted; seed more (--claims)")
        figures = latency(set_up, cases, free, subject, args.requests)
        gets = throughput(set_up, args.clients, args.seconds, lambda c, n: get_case(c, cases[n % len(cases)]))
        lock = threading.Lock()

        def create(connection, _):
            with lock:
                claim = free.pop()
            post_case(connection, claim, subject)
        posts = throughput(set_up, args.clients, args.seconds, create)
        return figures + [gets, posts]
    finally:
        set_up.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10000, help="claims per seeded database (default 10,000)")
    parser.add_argument("--cases", type=int, default=1000, help="cases per seeded database (default 1,000)")
    parser.add_argument("--requests", type=int, default=200, help="latency requests per kind and round (default 200)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections for throughput (default 4)")
    parser.add_argument("--seconds", type=float, default=3, help="seconds per throughput run (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the set-ups in rotating order (default 3)")
    parser.add_argument("--post-mb", type=float, default=1, help="size of the 835 file posted into each database (default 1 MB; 0: none)")
    parser.add_argument("--no-build", action="store_true", help="use the release binary already built")
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    args = parser.parse_args()

    if postgres_server.binaries() is None:
        raise SystemExit("PostgreSQL is not installed (Debian package `postgresql`): no database figures")
    binary = build(args.swift) if not args.no_build else ROOT / ".build" / "release" / "casework"
    VAR.mkdir(parents=True, exist_ok=True)
    sqlite_file = VAR / "bench.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(sqlite_file) + suffix).unlink(missing_ok=True)
    postgres = postgres_server.PostgresServer(durable=True)
    try:
        seeded, url = postgres.database()
        set_ups = [SetUp("sqlite", binary, ["--db", str(sqlite_file)], 1),
                   SetUp("postgresql-1", binary, ["--database", url], 1)]
        for set_up in set_ups:
            started = time.perf_counter()
            set_up.seed(args.claims, args.cases)
            log(f"seeded {set_up.name}: {args.claims} claims, {args.cases} cases in {time.perf_counter() - started:.1f} s")
        set_ups.append(SetUp("postgresql-2", binary, ["--database", postgres.database(template=seeded)[1]], 2))
        set_ups[2].token = set_ups[1].token
        results = {s.name: [] for s in set_ups}
        for round_index in range(args.rounds):
            order = set_ups[round_index % 3:] + set_ups[:round_index % 3]
            for set_up in order:
                results[set_up.name].append(one_round(set_up, args))
                g50, g90, p50, p90_, gets, posts = results[set_up.name][-1]
                log(f"round {round_index + 1}/{args.rounds} {set_up.name}: GET {g50:.2f}/{g90:.2f} ms, "
                    f"POST {p50:.2f}/{p90_:.2f} ms, {gets:.0f} GET/s, {posts:.0f} POST/s")
        postings = post_file(set_ups[:2], args) if args.post_mb > 0 else None
    finally:
        postgres.stop()
    report(results, args)
    if postings:
        sqlite, pg = postings
        print(f"import-835 of a {args.post_mb:g} MB file (bench/make_835.py), s: SQLite {sqlite:.2f}, PostgreSQL {pg:.2f}, "
              f"PostgreSQL ÷ SQLite {pg / sqlite:.2f}x")


def post_file(set_ups, args):
    """Seconds of `casework import-835` of one generated file into each set-up's database (servers stopped)."""
    path = VAR / f"post-{args.post_mb:g}.835"
    subprocess.run([sys.executable, ROOT / "bench" / "make_835.py", "--size-mb", str(args.post_mb), "--out", path],
                   check=True, capture_output=True)
    seconds = []
    for set_up in set_ups:
        started = time.perf_counter()
        subprocess.run([set_up.binary, "import-835", *set_up.database, path], check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
        log(f"{set_up.name}: import-835 of {path.name} in {seconds[-1]:.2f} s")
    return seconds


def report(results, args):
    medians = {name: [statistics.median(row[i] for row in rows) for i in range(6)] for name, rows in results.items()}
    names = ["GET /v1/cases/{id} median, ms", "GET /v1/cases/{id} p90, ms", "POST /v1/cases median, ms",
             "POST /v1/cases p90, ms", f"GET/s, {args.clients} connections", f"POST/s, {args.clients} connections"]
    sqlite, one, two = medians["sqlite"], medians["postgresql-1"], medians["postgresql-2"]
    print(f"\nCases on SQLite and PostgreSQL ({args.claims} claims, {args.cases} cases; medians of {args.rounds} rounds)")
    print(f"{'figure':<34} {'SQLite':>8} {'PG 1':>8} {'PG 2':>8} {'PG 1 ÷ SQLite':>14} {'PG 2 ÷ SQLite':>14} {'PG 2 ÷ PG 1':>12}")
    for index, name in enumerate(names):
        print(f"{name:<34} {sqlite[index]:>8.2f} {one[index]:>8.2f} {two[index]:>8.2f} "
              f"{one[index] / sqlite[index]:>13.2f}x {two[index] / sqlite[index]:>13.2f}x {two[index] / one[index]:>11.2f}x")
    print("PG 1: one server over PostgreSQL; PG 2: two servers over one PostgreSQL database, requests spread over both.")
    print("Latency ratios above 1 are slower; throughput ratios above 1 are faster.")


if __name__ == "__main__":
    main()
