#!/usr/bin/env python3
"""`make bench-healthz`: /healthz latency while the server is busy with heavy requests (issue 11).

The release `casework` serves var/bench-load.sqlite (`casework demo --claims N --cases M`, default
100,000 / 20,000, reused while the parameters are unchanged). wrk measures GET /healthz on 4
keep-alive connections for S seconds twice, back to back in the same minute: first with the
server otherwise idle (the peer figure), then while two more connections keep it busy with Case
Insights computed afresh on every request (each asks for another `created_after` day and
drill-down, so the representation cache never answers). Prints p50 and p99 of both runs, the
loaded ÷ idle ratios, the dashboards computed meanwhile and their median time, and whether the
goal — p99 under 5 ms while loaded — is met. Traffic goes to 127.0.0.1 only; wrk comes from Debian.
"""
import argparse
import datetime
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_http  # noqa: E402  (tool installer, demo fingerprint, wrk output parser)

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "var" / "bench-load.sqlite"
GOAL_P99_MS = 5.0


def wrk(port, seconds):
    """One wrk thread (four connections need no more, and a second would take a core from the
    server) on GET /healthz; requests/s, p50, p99 and errors."""
    result = subprocess.run(["wrk", "-t1", "-c4", f"-d{seconds}s", "--latency", "--timeout", "5s",
                             f"http://127.0.0.1:{port}/healthz"], capture_output=True, text=True, check=True,
                            timeout=seconds + 60)
    return bench_http.parse_wrk(result.stdout)


def release_binary(swift, build):
    if build:
        subprocess.run([swift, "build", "-c", "release", "--product", "casework"], cwd=ROOT, check=True)
    bin_dir = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / "casework"


def database(binary, claims, cases):
    """(path, token) of the loaded database, made again when the parameters changed."""
    marker, token_file = Path(f"{DB}.params"), Path(f"{DB}.token")
    params = {"claims": claims, "cases": cases, "generator": bench_http.generator_fingerprint()}
    if not (DB.exists() and marker.exists() and token_file.exists() and json.loads(marker.read_text()) == params):
        for suffix in ("", "-wal", "-shm", ".params", ".token"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
        DB.parent.mkdir(exist_ok=True)
        print(f"seeding {DB.relative_to(ROOT)} with {claims} claims and {cases} cases ...", flush=True)
        out = subprocess.run([binary, "demo", "--db", DB, "--claims", str(claims), "--cases", str(cases)],
                             check=True, capture_output=True, text=True).stdout
        token_file.write_text(out.strip().splitlines()[-1].strip() + "\n")
        marker.write_text(json.dumps(params) + "\n")
    return token_file.read_text().strip()


class Busy:
    """Two connections asking for Case Insights nobody asked for before, until stopped."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.stop = threading.Event()
        self.times, self.errors = [], []
        self.threads = [threading.Thread(target=self.run, args=(seed,)) for seed in range(2)]

    def run(self, seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        first = datetime.date(2019, 1, 1)
        while not self.stop.is_set():
            day = first + datetime.timedelta(days=rng.randrange(2500))
            drill = rng.choice(["", "&drill_down=owner", "&drill_down=carc_code"])
            started = time.perf_counter()
            connection.request("GET", f"/v1/dashboards/case-insights?created_after={day}{drill}",
                               headers={"Authorization": f"Bearer {self.token}"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                self.errors.append(response.status)
            self.times.append((time.perf_counter() - started) * 1000)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--swift", default="swift")
    parser.add_argument("--no-build", action="store_true", help="use the existing release binary")
    parser.add_argument("--binary", help="another casework binary to measure (an older build, for an A/B run)")
    parser.add_argument("--serve-arg", action="append", default=[], help="an extra `serve` argument, e.g. --serve-arg=--read-workers=4")
    args = parser.parse_args()
    bench_http.ensure_tools()
    binary = Path(args.binary) if args.binary else release_binary(args.swift, not args.no_build)
    token = database(binary, args.claims, args.cases)
    server = subprocess.Popen([binary, "serve", "--db", DB, "--port", "0", *args.serve_arg], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
        wrk(port, 2)                                                       # warm-up
        idle = wrk(port, args.seconds)
        with Busy(port, token) as busy:
            time.sleep(1)                                                   # both dashboards under way
            loaded = wrk(port, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if busy.errors or not busy.times:
        raise SystemExit(f"the heavy requests failed: {busy.errors[:10]}")
    print(f"\n/healthz on 4 connections, {args.seconds} s each, {args.claims} claims / {args.cases} cases; "
          f"meanwhile {len(busy.times)} Case Insights computed afresh on 2 connections, median "
          f"{statistics.median(busy.times):.0f} ms")
    print("| run    | requests/s |  p50 ms |  p99 ms |")
    print("|--------|------------|---------|---------|")
    for name, run in (("idle", idle), ("loaded", loaded)):
        print(f"| {name:<6} | {run['rps']:>10.0f} | {run['p50_ms']:>7.3f} | {run['p99_ms']:>7.3f} |")
    print(f"loaded ÷ idle: p50 {loaded['p50_ms'] / idle['p50_ms']:.2f}, p99 {loaded['p99_ms'] / idle['p99_ms']:.2f}, "
          f"requests/s {loaded['rps'] / idle['rps']:.2f}")
    met = loaded["p99_ms"] < GOAL_P99_MS and loaded["non_2xx"] == 0 and loaded["socket_errors"] == 0
    print(f"goal: p99 under {GOAL_P99_MS:g} ms while loaded — {'met' if met else 'NOT met'} ({loaded['p99_ms']:.3f} ms; "
          f"{loaded['non_2xx']} non-2xx, {loaded['socket_errors']} socket errors)")


if __name__ == "__main__":
    main()
