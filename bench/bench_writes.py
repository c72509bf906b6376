#!/usr/bin/env python3
"""`make bench-writes`: what a write costs now beside what it cost at an earlier revision (issue 13:
writes may cost at most 1.3x what they cost before the rollups).

1. Builds `casework` in release mode from the working tree (.build, as `make bench` does) and from
   `--base` (default: the commit before migrations/0014_case_rollups.sql, the first rollup) in a
   detached git worktree under var/bench-writes-base with its own .build, rebuilt only when the
   revision changes.
2. Makes var/bench/writes-4.835 (4 MB) with bench/make_835.py from ../shared/data/x12/835.
3. For `--rounds` rounds, the two binaries alternating: a fresh database from
   `casework demo --claims 3000 --cases 300`; a server on 127.0.0.1; 120 times POST /v1/cases with one
   free claim, then POST /v1/cases/{id}/claims linking another (timed on one keep-alive connection,
   median per round); the server stopped; then `casework import-835` of the 4 MB file (the whole
   process, wall clock).
4. Prints each figure's median over the rounds for both binaries and the ratio now ÷ base.

The machine's speed drifts from minute to minute (15-20% here): the binaries alternate so that a slow
minute falls on both, and the medians of several rounds are compared. Python 3 standard library only;
traffic to 127.0.0.1 only; every process started is stopped.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BASE_TREE = VAR / "bench-writes-base"
POST_FILE = VAR / "bench" / "writes-4.835"
CREATES = 120


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, **kwargs):
    log("$ " + " ".join(str(c) for c in command))
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def git(*arguments, cwd=ROOT):
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def default_base():
    """The commit before the first rollup migration."""
    first = git("log", "--diff-filter=A", "--format=%H", "--", "migrations/0014_case_rollups.sql").splitlines()[-1]
    return git("rev-parse", f"{first}^")


def build(swift, tree):
    run([swift, "build", "-c", "release", "--product", "casework"], cwd=tree)
    out = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=tree, check=True,
                         capture_output=True, text=True).stdout.strip()
    return Path(out) / "casework"


def base_binary(swift, revision):
    """The release binary of `revision`, from a detached worktree kept under var/ between runs."""
    commit = git("rev-parse", revision)
    if BASE_TREE.exists() and git("rev-parse", "HEAD", cwd=BASE_TREE) != commit:
        run(["git", "worktree", "remove", "--force", BASE_TREE], cwd=ROOT)
    if not BASE_TREE.exists():
        VAR.mkdir(exist_ok=True)
        run(["git", "worktree", "add", "--detach", BASE_TREE, commit], cwd=ROOT)
    return commit, build(swift, BASE_TREE)


def request(connection, token, method, path, body=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, (json.loads(data) if data else None)


def one_round(binary, tag):
    """(create ms, link ms, import-835 s) for `binary` on a fresh database."""
    db = VAR / f"bench-writes-{tag}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    out = subprocess.run([binary, "demo", "--db", db, "--claims", "3000", "--cases", "300"], check=True,
                         capture_output=True, text=True).stdout
    token = out.strip().splitlines()[-1].strip()
    server = subprocess.Popen([binary, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        free, cursor = [], None
        while True:
            query = "/v1/claims?has_active_case=false&limit=200" + (f"&cursor={cursor}" if cursor else "")
            status, page = request(connection, token, "GET", query)
            if status != 200:
                raise SystemExit(f"{tag}: GET {query} answered {status}: {page}")
            free += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        by_payer = {}
        for claim in free:
            by_payer.setdefault(claim["payer_id"], []).append(claim["id"])
        ids = max(by_payer.values(), key=len)
        if len(ids) < 2 * CREATES:
            raise SystemExit(f"{tag}: only {len(ids)} free claims of one payer; {2 * CREATES} needed")
        subject = request(connection, token, "GET", "/v1/subjects")[1]["items"][0]
        creates, links = [], []
        for _ in range(CREATES):
            started = time.perf_counter()
            status, case = request(connection, token, "POST", "/v1/cases", {"claims": [{"claim_id": ids.pop()}], "subject": subject})
            creates.append((time.perf_counter() - started) * 1000)
            if status != 201:
                raise SystemExit(f"{tag}: POST /v1/cases answered {status}: {case}")
            started = time.perf_counter()
            status, body = request(connection, token, "POST", f"/v1/cases/{case['id']}/claims", {"claims": [{"claim_id": ids.pop()}]})
            links.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"{tag}: linking a claim answered {status}: {body}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    started = time.perf_counter()
    subprocess.run([binary, "import-835", "--db", db, POST_FILE], check=True, capture_output=True)
    return statistics.median(creates), statistics.median(links), time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="revision to compare with (default: the commit before the first rollup migration)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per binary, alternating (default 5)")
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()

    commit, base = base_binary(args.swift, args.base or default_base())
    now = build(args.swift, ROOT)
    run([args.python, ROOT / "bench" / "make_835.py", "--size-mb", "4", "--out", POST_FILE])
    figures = {"base": [], "now": []}
    for round_index in range(args.rounds):
        for tag, binary in (("base", base), ("now", now)) if round_index % 2 == 0 else (("now", now), ("base", base)):
            figures[tag].append(one_round(binary, tag))
            create, link, post = figures[tag][-1]
            log(f"round {round_index + 1}/{args.rounds} {tag}: create {create:.2f} ms, link {link:.2f} ms, import-835 {post:.2f} s")

    medians = {tag: [statistics.median(row[i] for row in rows) for i in range(3)] for tag, rows in figures.items()}
    print(f"\nWrite costs: working tree beside {commit[:12]} ({args.rounds} rounds each, alternating; medians)")
    print(f"{'write':<34} {'base':>10} {'now':>10} {'now ÷ base':>11}")
    names = ["POST /v1/cases (one claim), ms", "link one claim to a case, ms", "import-835 of 4 MB, s"]
    for index, name in enumerate(names):
        base_value, now_value = medians["base"][index], medians["now"][index]
        print(f"{name:<34} {base_value:>10.2f} {now_value:>10.2f} {now_value / base_value:>10.2f}x")
    worst = max(medians["now"][i] / medians["base"][i] for i in range(3))
    verdict = "met" if worst <= 1.3 else "NOT met"
    print(f"goal (issue 13, against the revision before the rollups): each at most 1.30x — {verdict} (worst {worst:.2f}x)")


if __name__ == "__main__":
    main()
