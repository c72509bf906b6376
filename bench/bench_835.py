#!/usr/bin/env python3
"""`make bench-835` (also run by `make bench`): reading and posting a large X12 835 file.

On one file of --size-mb (default 30 MB) built by bench/make_835.py out of the shared sample files:

1. parse throughput, whole file from the page cache to objects, process start-up and imports
   excluded: `casework read-835 --repeat N` (its own in-process MB/s line), and its ceiling
   `read-835 --envelope-only` (segments, envelope and fingerprints, no payment built), beside oxedi
   (`oxedi.parse_file`) and pyx12 (`X12Reader`, and the map-walking `X12ContextReader` for a
   bounded time on the start of the same file), each in a fresh Python process, as ratios
   ours ÷ peer;
2. posting throughput, claims per second, on fresh databases made by `casework demo` (so its three
   work rules open cases for the denials): `casework import-835` (whole process) and/or
   POST /v1/remittances on a running `casework serve` (the request), each followed at once by the
   peer, the sqlite3 CLI inserting one row per payment, claim and CAS adjustment of the same file
   into scratch tables of a similar shape, in one transaction, with the server's pragmas; and the
   SQLite floor: the sqlite3 CLI copying every row the posting wrote (INSERT … SELECT from the
   posted file) into a fresh `casework demo` database — the same tables, indexes and triggers —
   which no implementation of this schema can beat;
3. the server's peak resident memory while it posts the file (VmHWM, and VmRSS sampled every
   20 ms) minus its RSS when idle just before the request.

Python 3 (standard library) for the driver; the peers run from .venv. Traffic goes to 127.0.0.1
only; the only process stopped is the server this script started, by its PID.
"""

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_views  # noqa: E402
import make_835  # noqa: E402
from parse_peers import run_peer  # noqa: E402
from sqlite_peers import remove_db, sqlite_floor, sqlite_peer, write_peer_script  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
RSS_GOAL_MB = 100
CLAIMS_GOAL = 20_000
OXEDI_GOAL = 10


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, **kwargs):
    log("$ " + " ".join(str(c) for c in command))
    return subprocess.run([str(c) for c in command], cwd=ROOT, check=True, **kwargs)


# --------------------------------------------------------------------------- our reader


def read_835(binary, path, repeat, envelope_only=False):
    """(MB/s from read-835's own stderr line, summary dict) for one `read-835 --repeat N` process
    (with `envelope_only`, `--envelope-only`: the reader splitting, checking the envelope and
    fingerprinting, building no payment)."""
    flags = ["--envelope-only"] if envelope_only else []
    result = subprocess.run([str(binary), "read-835", *flags, "--repeat", str(repeat), str(path)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"read-835 failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    rate = None
    for line in result.stderr.splitlines():
        match = re.search(r"([0-9.]+) MB/s", line)
        if match:
            rate = float(match.group(1))
    summary = re.search(r"(\d+) payments?, (\d+) claims?, (\d+) imbalances?, (\d+) warnings?", result.stdout)
    if not summary:
        raise RuntimeError(f"read-835 printed no summary: {result.stdout.strip()[:500]}")
    payments, claims, imbalances, warnings = map(int, summary.groups())
    return rate, {"payments": payments, "claims": claims, "imbalances": imbalances, "warnings": warnings}


def wall_read(binary, path):
    """Wall time of one whole `read-835 FILE` process (start-up included)."""
    started = time.perf_counter()
    subprocess.run([str(binary), "read-835", str(path)], cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- posting


def fresh_demo(binary, db):
    """A new database with the demo organization, its people and three work rules; returns the token."""
    remove_db(db)
    result = run([binary, "demo", "--db", db], capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1].strip()


def table_counts(sqlite3, db):
    tables = subprocess.run([sqlite3, "-readonly", str(db), "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;"],
                            capture_output=True, text=True, check=True).stdout.split()
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables) + ";"
    out = subprocess.run([sqlite3, "-readonly", "-separator", " ", str(db), sql], capture_output=True, text=True, check=True).stdout
    return {name: int(n) for name, n in (line.split() for line in out.splitlines() if line.strip())}


def rows_written(before, after):
    return {t: after.get(t, 0) - before.get(t, 0) for t in sorted(after) if after.get(t, 0) != before.get(t, 0)}


def summary_of_line(line):
    """The figures of an import-835 summary line."""
    figures = {}
    for key, pattern in (("payments", r"(\d+) payments?"), ("duplicates", r"\((\d+) duplicates?\)"), ("matched", r"(\d+) claims? matched"),
                         ("created", r"(\d+) created"), ("denials", r"(\d+) denials?"), ("cases_opened", r"(\d+) cases? opened"),
                         ("cases_updated", r"(\d+) updated"), ("warnings", r"(\d+) warnings?")):
        match = re.search(pattern, line)
        figures[key] = int(match.group(1)) if match else None
    return figures


def post_cli(binary, db, path):
    """Posts the file with `casework import-835` (whole process); returns seconds, peak RSS (KiB, the
    child's own ru_maxrss from wait4) and the summary."""
    command = [str(binary), "import-835", "--db", str(db), str(path)]
    log("$ " + " ".join(command))
    out_path, err_path = WORK / "import-835.out", WORK / "import-835.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"import-835 failed ({process.returncode}): {err_path.read_text(errors='replace').strip()[-2000:]}")
    line = out_path.read_text().strip().splitlines()[-1]
    return elapsed, usage.ru_maxrss, summary_of_line(line), line


def proc_status(pid):
    values = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])  # kB
    return values


# The same `casework serve --port 0` wrapper as the views benchmark.
Server = bench_views.Server


def post_server(binary, db, token, path, log_path):
    """POSTs the file to a server started on `db`; returns seconds, memory figures and the summary."""
    body = Path(path).read_bytes()
    server = Server(binary, db, log_path)
    try:
        pid = server.process.pid
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=None)
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        time.sleep(1.0)
        idle = proc_status(pid)
        samples = []
        done = threading.Event()

        def sample():
            while not done.is_set():
                try:
                    samples.append(proc_status(pid)["VmRSS"])
                except (OSError, KeyError):
                    return
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/edi-x12", "Accept": "application/json"}
        log(f"POST /v1/remittances ({len(body) / 1e6:.1f} MB) to the server pid {pid} on port {server.port}")
        started = time.perf_counter()
        connection.request("POST", "/v1/remittances?file_name=big.835", body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
        after = proc_status(pid)
        connection.close()
        if response.status not in (200, 201):
            raise RuntimeError(f"POST /v1/remittances: {response.status} {payload[:500]!r}")
        document = json.loads(payload)
        payments = document["payments"]
        fresh = [p for p in payments if not p["duplicate"]]
        summary = {"payments": len(payments), "duplicates": len(payments) - len(fresh),
                   "matched": sum(p["claims_matched"] for p in fresh), "created": sum(p["claims_created"] for p in fresh),
                   "denials": sum(len(p["denials"]) for p in fresh), "cases_opened": sum(len(p["cases_opened"]) for p in fresh),
                   "cases_updated": sum(len(p["cases_updated"]) for p in fresh), "response_bytes": len(payload)}
        memory = {"idle_rss_kb": idle["VmRSS"], "idle_hwm_kb": idle["VmHWM"], "hwm_kb": after["VmHWM"],
                  "sampled_max_kb": max(samples) if samples else None, "samples": len(samples), "after_rss_kb": after["VmRSS"]}
        return elapsed, memory, summary
    finally:
        server.stop()


# --------------------------------------------------------------------------- build


def build(swift):
    run([swift, "build", "-c", "release", "--product", "casework"])
    return bin_path(swift)


def bin_path(swift):
    bin_dir = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "casework"
    if not binary.exists():
        raise SystemExit(f"no casework binary at {binary}")
    return binary


# --------------------------------------------------------------------------- report


def table(header, rows):
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    numeric = [all(re.fullmatch(r"[-+0-9.,]+|yes", r[i]) for r in rows) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i]) for i, c in enumerate(cells)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def mb(kib):
    """MB (10^6 bytes) from the KiB of /proc and getrusage."""
    return kib * 1024 / 1e6


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=30.0, help="size of the built 835 file (MB, 10^6 bytes)")
    parser.add_argument("--runs", type=int, default=3, help="parse runs per reader (median and best are shown)")
    parser.add_argument("--repeat", type=int, default=3, help="reads of the file per `read-835 --repeat` process")
    parser.add_argument("--peer-seconds", type=float, default=40, help="time after which a Python peer stops starting new runs")
    parser.add_argument("--pyx12-tree-seconds", type=float, default=20, help="how long pyx12's X12ContextReader is timed (0: skip)")
    parser.add_argument("--post", choices=("server", "cli", "both", "none"), default="server",
                        help="posting through POST /v1/remittances (with the memory figures), import-835, both or neither")
    parser.add_argument("--post-size-mb", type=float, help="post a file of this size (built the same way) instead of the parse file")
    parser.add_argument("--sqlite3", default="sqlite3")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"), help="Python with oxedi and pyx12")
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    parser.add_argument("--no-build", action="store_true", help="use the existing release binary")
    args = parser.parse_args()

    overall = time.monotonic()
    signal.signal(signal.SIGTERM, interrupted)
    os.chdir(ROOT)
    WORK.mkdir(parents=True, exist_ok=True)
    if args.no_build:
        binary = bin_path(args.swift)
    else:
        started = time.monotonic()
        binary = build(args.swift)
        log(f"release build: {time.monotonic() - started:.1f} s")

    big = make_835.ensure(WORK / "big.835", args.size_mb)
    path = WORK / "big.835"
    contents = big["contents"]
    load_before = os.getloadavg()

    # ------------------------------------------------------------------ 1. parse throughput
    ours_rates, summary = [], None
    for _ in range(args.runs):
        rate, summary = read_835(binary, path, args.repeat)
        if rate is None:
            raise SystemExit("read-835 --repeat printed no MB/s line")
        ours_rates.append(rate)
        log(f"read-835: {rate:.1f} MB/s")
    if summary["claims"] != contents["claims"] or summary["payments"] != contents["transaction_sets"]:
        raise SystemExit(f"read-835 read {summary}, the file holds {contents}")
    ceiling_rates = []
    for _ in range(args.runs):
        rate, bare = read_835(binary, path, args.repeat, envelope_only=True)
        if rate is None or bare["payments"] != contents["transaction_sets"]:
            raise SystemExit(f"read-835 --envelope-only read {bare} at {rate} MB/s, the file holds {contents}")
        ceiling_rates.append(rate)
        log(f"read-835 --envelope-only: {rate:.1f} MB/s")
    wall = min(wall_read(binary, path) for _ in range(2))

    oxedi = run_peer(args.python, "oxedi", path, args.runs, args.peer_seconds)
    log(f"oxedi {oxedi['version']}: {', '.join(f'{r:.1f}' for r in oxedi['rates'])} MB/s")
    control = {k: v for k, v in oxedi["diagnostics"].items() if k.startswith("Control")}
    if oxedi["claims"] != contents["claims"] or control:
        raise SystemExit(f"oxedi read {oxedi['claims']} claims (the file holds {contents['claims']}); envelope findings: {control}")
    segments = run_peer(args.python, "pyx12-segments", path, args.runs, args.peer_seconds)
    log(f"pyx12 X12Reader: {', '.join(f'{r:.2f}' for r in segments['rates'])} MB/s")
    if segments["claims"] != contents["claims"]:
        raise SystemExit(f"pyx12 read {segments['claims']} CLP segments, the file holds {contents['claims']} claims")
    tree = None
    if args.pyx12_tree_seconds > 0:
        tree = run_peer(args.python, "pyx12-tree", path, 1, args.pyx12_tree_seconds)
        log(f"pyx12 X12ContextReader: {tree['rates'][0]:.3f} MB/s ({tree['claims']} claims in {tree['seconds'][0]:.1f} s)")

    # ------------------------------------------------------------------ 2 and 3. posting
    post_path = path
    post_contents = contents
    if args.post_size_mb and args.post_size_mb != args.size_mb:
        post_path = WORK / f"post-{args.post_size_mb:g}.835"
        post_contents = make_835.ensure(post_path, args.post_size_mb)["contents"]
    postings = []
    peer_script = WORK / f"{post_path.stem}-peer.sql"
    peer_rows = None
    if args.post != "none":
        peer_rows = write_peer_script(post_path, peer_script)
        if peer_rows["claims"] != post_contents["claims"]:
            raise SystemExit(f"the peer script has {peer_rows['claims']} claims, the file {post_contents['claims']}")
    peer_db = WORK / "peer.sqlite"
    if args.post in ("both", "cli"):
        db = WORK / "post-cli.sqlite"
        fresh_demo(binary, db)
        before = table_counts(args.sqlite3, db)
        seconds, peak, figures, line = post_cli(binary, db, post_path)
        peer = sqlite_peer(args.sqlite3, peer_script, peer_db)
        floor, copied = sqlite_floor(args.sqlite3, binary, db, WORK / "floor.sqlite")
        log(f"import-835: {seconds:.1f} s; {line}; sqlite3 peer {peer:.2f} s; SQLite floor {floor:.2f} s ({copied:,} rows)")
        postings.append({"label": "import-835 (CLI, whole process)", "seconds": seconds, "figures": figures, "peer": peer,
                         "floor": floor, "copied": copied,
                         "rows": rows_written(before, table_counts(args.sqlite3, db)), "peak_kb": peak})
    memory = None
    if args.post in ("both", "server"):
        db = WORK / "post-server.sqlite"
        token = fresh_demo(binary, db)
        before = table_counts(args.sqlite3, db)
        seconds, memory, figures = post_server(binary, db, token, post_path, WORK / "bench-835-server.log")
        peer = sqlite_peer(args.sqlite3, peer_script, peer_db)
        floor, copied = sqlite_floor(args.sqlite3, binary, db, WORK / "floor.sqlite")
        log(f"POST /v1/remittances: {seconds:.1f} s; {figures}; sqlite3 peer {peer:.2f} s; SQLite floor {floor:.2f} s ({copied:,} rows)")
        postings.append({"label": "POST /v1/remittances (the request)", "seconds": seconds, "figures": figures, "peer": peer,
                         "floor": floor, "copied": copied,
                         "rows": rows_written(before, table_counts(args.sqlite3, db))})
    load_after = os.getloadavg()

    # ------------------------------------------------------------------ report
    sqlite_version = subprocess.run([args.sqlite3, "--version"], capture_output=True, text=True).stdout.split()[0]
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    print()
    print(f"Casework 835 bench: {path.relative_to(ROOT)}, {contents['bytes'] / 1e6:.1f} MB, {contents['transaction_sets']} payments "
          f"(transaction sets) in {contents['interchanges']} interchanges, {contents['claims']} claims, {oxedi['tables'].get('adjustments', '?')} "
          f"CAS adjustments, {oxedi['tables'].get('services', '?')} service lines")
    print(f"machine: nproc={nproc}, {os.uname().machine}; load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
          f"oxedi {oxedi['version']}, pyx12 {segments['version']}, SQLite CLI {sqlite_version}")
    print()
    print("1. Parse throughput: the whole file from the page cache to objects; process start-up and imports excluded")
    ours = statistics.median(ours_rates)
    ceiling = statistics.median(ceiling_rates)
    rows = [("casework read-835", "ERAPayment values (read-835's own MB/s, --repeat %d)" % args.repeat, str(len(ours_rates)),
             f"{ours:.1f}", f"{max(ours_rates):.1f}", "1.00"),
            ("read-835 --envelope-only", "no payments: segments, envelope checks, fingerprints", str(len(ceiling_rates)),
             f"{ceiling:.1f}", f"{max(ceiling_rates):.1f}", f"{ours / ceiling:.2f}")]

    def peer_row(name, what, result, digits=1):
        median = statistics.median(result["rates"])
        return (name, what, str(len(result["rates"])), f"{median:.{digits}f}", f"{max(result['rates']):.{digits}f}", f"{ours / median:.1f}")
    rows.append(peer_row(f"oxedi {oxedi['version']} parse_file", "document + 5 Arrow tables + diagnostics (Rust)", oxedi))
    rows.append(peer_row(f"pyx12 {segments['version']} X12Reader", "Segment objects, envelope checks", segments, 2))
    if tree:
        rows.append(peer_row(f"pyx12 {tree['version']} X12ContextReader",
                             f"map-walked loop trees (2100), first {tree['consumed'] / 1e6:.1f} MB in {tree['seconds'][0]:.0f} s", tree, 3))
    table(("reader", "what it builds", "runs", "median MB/s", "best MB/s", "ours ÷ this"), rows)
    ratio = ours / statistics.median(oxedi["rates"])
    print(f"ours ÷ oxedi = {ratio:.1f} (goal ≥ {OXEDI_GOAL}: {'met' if ratio >= OXEDI_GOAL else 'NOT met'}). "
          f"One whole `read-835 FILE` process, start-up included: {wall * 1e3:.0f} ms = {contents['bytes'] / 1e6 / wall:.1f} MB/s.")
    target = OXEDI_GOAL * statistics.median(oxedi["rates"])
    building = f"(building them costs {1 / ours * 1e3 - 1 / ceiling * 1e3:.2f} ms per MB now)"
    ceiling_text = (f"The goal is {target:.0f} MB/s; the reader building no payment at all (--envelope-only) reads "
                    f"{ceiling:.0f} MB/s = {ceiling / statistics.median(oxedi['rates']):.1f}× oxedi")
    if target < ceiling:
        print(f"{ceiling_text}, so building every payment may cost at most {(1 / target - 1 / ceiling) * 1e3:.2f} ms per MB {building}.")
    else:
        print(f"{ceiling_text}: the goal is beyond even that, whatever building the payments costs {building}.")

    if postings:
        print()
        print(f"2. Posting throughput: {post_path.relative_to(ROOT)} ({post_contents['bytes'] / 1e6:.1f} MB, {post_contents['claims']} claims) "
              f"into a fresh `casework demo` database (three work rules), one transaction for the file")
        rows = []
        for p in postings:
            f = p["figures"]
            claims = (f["matched"] or 0) + (f["created"] or 0)
            rate = post_contents["claims"] / p["seconds"]
            peer_rate = post_contents["claims"] / p["peer"]
            floor_rate = post_contents["claims"] / p["floor"]
            p["rate"], p["floor_rate"] = rate, floor_rate
            rows.append((p["label"], str(post_contents["claims"]), f"{p['seconds']:.2f}", f"{rate:,.0f}", f"{peer_rate:,.0f}",
                         f"{rate / peer_rate:.3f}", f"{floor_rate:,.0f}", f"{rate / floor_rate:.3f}", f"{sum(p['rows'].values()):,}",
                         f"{f['denials']} / {f['cases_opened']}", "yes" if claims == post_contents["claims"] else f"NO ({claims})"))
        table(("path", "claims", "seconds", "claims/s", "sqlite3 peer claims/s", "ours ÷ peer", "SQLite floor claims/s", "ours ÷ floor",
               "rows written", "denials / cases opened", "all claims posted"), rows)
        print(f"sqlite3 peer: `sqlite3 fresh.sqlite < {peer_script.relative_to(ROOT)}`, whole process, run right after each posting: "
              f"one INSERT per payment ({peer_rows['payments']}), claim ({peer_rows['claims']}) and CAS adjustment ({peer_rows['adjustments']}), "
              f"{sum(peer_rows.values()):,} rows, one transaction, WAL, synchronous=FULL.")
        print(f"SQLite floor: the sqlite3 CLI copying the posted database's rows ({postings[0]['copied']:,}, the demo's included) with "
              "INSERT … SELECT into a fresh `casework demo` database (same tables, indexes and triggers), one transaction, WAL, "
              "synchronous=FULL: what storing the posting's rows costs with no application work at all.")
        best = max(p["rate"] for p in postings)
        floor_best = max(p["floor_rate"] for p in postings)
        if floor_best < CLAIMS_GOAL:
            print(f"The SQLite floor itself ({floor_best:,.0f} claims/s) is below the goal: with this schema the goal cannot be met.")
        print(f"goal ≥ {CLAIMS_GOAL:,} claims/s: {'met' if best >= CLAIMS_GOAL else 'NOT met'} (best {best:,.0f}, {best / CLAIMS_GOAL:.3f} of the goal).")
        print("rows written by the posting, per table: " + "; ".join(
            f"{p['label'].split(' ')[0]}: " + ", ".join(f"{t} {n:,}" for t, n in p["rows"].items()) for p in postings[:1]))
        for p in postings:
            if "peak_kb" in p:
                print(f"import-835 peak RSS (getrusage of the child, whole process): {mb(p['peak_kb']):.1f} MB")

    if memory:
        print()
        print("3. Server memory while posting the file (POST /v1/remittances, the body held in memory by the server)")
        delta = memory["hwm_kb"] - memory["idle_rss_kb"]
        sampled = (memory["sampled_max_kb"] or 0) - memory["idle_rss_kb"]
        size_mb = post_contents["bytes"] / 1e6
        rows = [("peak (VmHWM after the request) − idle VmRSS", f"{mb(memory['idle_rss_kb']):.1f}", f"{mb(memory['hwm_kb']):.1f}",
                 f"{mb(delta):.1f}", f"{mb(delta) / size_mb:.2f}", f"{mb(delta) / RSS_GOAL_MB:.2f}"),
                ("max VmRSS sampled every 20 ms − idle VmRSS", f"{mb(memory['idle_rss_kb']):.1f}", f"{mb(memory['sampled_max_kb'] or 0):.1f}",
                 f"{mb(sampled):.1f}", f"{mb(sampled) / size_mb:.2f}", f"{mb(sampled) / RSS_GOAL_MB:.2f}")]
        table(("measure", "idle MB", "peak MB", "growth MB", "growth ÷ file size", f"growth ÷ goal ({RSS_GOAL_MB} MB)"), rows)
        print(f"goal: growth under {RSS_GOAL_MB} MB: {'met' if mb(delta) < RSS_GOAL_MB else 'NOT met'}; "
              f"VmRSS after the response {mb(memory['after_rss_kb']):.1f} MB; VmHWM before the request {mb(memory['idle_hwm_kb']):.1f} MB; "
              f"{memory['samples']} samples; response {postings[-1]['figures'].get('response_bytes', 0) / 1e6:.1f} MB of JSON.")
    print()
    print("Reading the ratios: parse, ours ÷ peer > 1 means read-835 turns the file into objects that many times faster")
    print("(oxedi also keeps a lossless document and validates every element, pyx12 builds Python objects). Posting,")
    print("ours ÷ peer = our claims/s ÷ the claims/s of the sqlite3 CLI merely inserting the file's rows; 1.0 would mean")
    print("posting (matching, planning, cases, audit, every table it writes) costs no more than the bare inserts.")
    print(f"total bench time: {time.monotonic() - overall:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
