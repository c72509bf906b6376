#!/usr/bin/env python3
"""`make bench-http`: the HTTP server under wrk, beside a Hummingbird 2 peer and nginx.

1. Builds `casework` in release mode (scratch path .build-release-bench, so a debug build at the
   repository root is not disturbed) and the Hummingbird 2 peer in bench/peers/hummingbird-peer
   (its own Package.swift and .build; `make test` never builds it).
2. Makes var/bench-http-seed.sqlite with `casework demo` (reused while the demo generator and the
   migrations are unchanged), copies it to var/bench-http.sqlite (every run starts from the seed,
   not from the audit rows of earlier runs) and picks one case with sqlite3: the one with the most
   claims, then tags, CARCs and open tasks (lowest number on ties).
3. Starts the servers on 127.0.0.1: casework (`serve --port 0`), the peer (same database file, same
   two endpoints) and nginx (`return 200 '{"status":"ok"}'`, generated config under var/, only
   /healthz). Both answer a repeated GET /v1/cases/{id} from a case cache (the body kept while the
   organization's data version holds: auth, one indexed read) and queue the patient-read audit row
   that a writer thread commits every 20 ms, so the two do the same work. For each: the first
   responses are checked, then the RSS with 1,000 idle keep-alive connections (each opened, given
   one GET /healthz and its answer read, then held; VmRSS and the number of open fds read from
   /proc/PID; while they are held the server's CPU is read over 10 s, bench/idle_connections.py).
4. Measures with one wrk at a time, so that the servers never compete for the cores (the others sit
   idle): after a short warm-up per endpoint, `--rounds` rounds (default 3) in which every run —
   `wrk -t2 -cN -dS --latency` per endpoint at 16 and 256 connections, and /healthz with
   `Connection: close` (a new connection per request) at 16 — goes to each server in turn, the order
   rotating from round to round. The machine's speed drifts by 15-20% from minute to minute here;
   interleaving puts a slow minute on every server alike, and the median of the rounds is reported.
5. Prints requests/s, p50 and p99 per server (medians) and the ratios to each peer — each taken
   within a round, where the servers ran in the same minute, and the median of those reported —
   then whether issue 11's targets are met (bench/http_report.py). The figures, every round's
   requests/s and p99 included, are also written to var/bench-http.json.

Every process this script starts is stopped by its PID (SIGTERM, then SIGKILL after 15 s).
Traffic goes to 127.0.0.1 only. Python 3 standard library only; wrk and nginx come from Debian
(`apt-get install -y wrk nginx-light`, done here when missing and running as root).
"""

import argparse
import hashlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from http_report import report

from idle_connections import IDLE_CONNECTIONS, idle_connections, proc_status

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PEER_DIR = ROOT / "bench" / "peers" / "hummingbird-peer"
SCRATCH = ROOT / ".build-release-bench"
SEED = VAR / "bench-http-seed.sqlite"
DB = VAR / "bench-http.sqlite"
CONNECTIONS = (16, 256)


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, cwd=ROOT, **kwargs):
    log("$ " + " ".join(str(c) for c in command))
    return subprocess.run([str(c) for c in command], cwd=cwd, check=True, **kwargs)


# --------------------------------------------------------------------------- tools and builds


def ensure_tools():
    """wrk and nginx, installed from Debian's packages when missing (as root only)."""
    missing = [package for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light"))
               if shutil.which(tool) is None and not Path("/usr/sbin/" + tool).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"missing {', '.join(missing)}: install with `apt-get install -y {' '.join(missing)}`")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env).returncode != 0:
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *missing], env=env)


def nginx_binary():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def build_casework(swift, skip):
    command = [swift, "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "casework"]
    if not skip:
        run(command)
    bin_dir = subprocess.run([str(c) for c in command[:-2]] + ["--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "casework"
    if not binary.exists():
        raise SystemExit(f"no casework binary at {binary} (drop --no-build)")
    return binary


def build_peer(swift, skip):
    command = [swift, "build", "-c", "release", "--product", "HummingbirdPeer"]
    if not skip:
        run(command, cwd=PEER_DIR)
    bin_dir = subprocess.run([swift, "build", "-c", "release", "--show-bin-path"], cwd=PEER_DIR, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "HummingbirdPeer"
    if not binary.exists():
        raise SystemExit(f"no peer binary at {binary} (drop --no-build)")
    return binary


# --------------------------------------------------------------------------- the database


def generator_fingerprint():
    digest = hashlib.sha256()
    files = sorted((ROOT / "Sources" / "casework").glob("Demo*.swift")) + sorted((ROOT / "migrations").glob("*.sql"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def sqlite_one(sql):
    result = subprocess.run(["sqlite3", "-readonly", "-batch", "-noheader", "-separator", "|", str(DB), sql],
                            capture_output=True, text=True, check=True)
    line = result.stdout.strip().splitlines()
    return line[0].split("|") if line else None


def prepare_database(binary, reseed):
    """var/bench-http.sqlite, a fresh copy of var/bench-http-seed.sqlite from `casework demo` (the seed
    is reused while the demo generator and the migrations are unchanged); returns (token, case id).
    Every run starts from the seed: each GET /v1/cases/{id} adds an audit row (a million or more per
    run), and a database grown by earlier runs would make every run slower than the last."""
    marker = Path(str(SEED) + ".params")
    token_file = Path(str(SEED) + ".token")
    params = {"generator": generator_fingerprint()}
    current = json.loads(marker.read_text()) if marker.exists() else None
    VAR.mkdir(exist_ok=True)
    if reseed or current != params or not SEED.exists() or not token_file.exists():
        for suffix in ("", "-wal", "-shm", ".params", ".token"):
            Path(str(SEED) + suffix).unlink(missing_ok=True)
        out = run([binary, "demo", "--db", SEED], capture_output=True, text=True).stdout
        # Into the file itself, so that the file alone is the seed (the last connection to close removes the WAL).
        run(["sqlite3", SEED, "PRAGMA wal_checkpoint(TRUNCATE);"], capture_output=True, text=True)
        token_file.write_text(out.strip().splitlines()[-1].strip() + "\n")
        marker.write_text(json.dumps(params) + "\n")
    else:
        log(f"reusing {SEED.relative_to(ROOT)}")
    if Path(str(SEED) + "-wal").exists():
        raise SystemExit(f"{SEED} has a WAL file left: the demo did not close it cleanly")
    for suffix in ("", "-wal", "-shm"):
        Path(str(DB) + suffix).unlink(missing_ok=True)
    shutil.copyfile(SEED, DB)
    token = token_file.read_text().strip()
    # The richest case: most claims, then tags, CARCs and open tasks; the lowest number on ties.
    row = sqlite_one(
        "SELECT c.id FROM cases c ORDER BY"
        " (SELECT COUNT(*) FROM case_claims l WHERE l.case_id = c.id) DESC,"
        " (SELECT COUNT(*) FROM case_tags g WHERE g.case_id = c.id) DESC,"
        " (SELECT COUNT(*) FROM case_carc_codes k WHERE k.case_id = c.id) DESC,"
        " (SELECT COUNT(*) FROM activities a WHERE a.case_id = c.id AND a.kind = 'task' AND a.state = 'open') DESC,"
        " c.number LIMIT 1")
    if not row:
        raise SystemExit(f"{DB} has no case")
    return token, row[0]


# --------------------------------------------------------------------------- the servers


class Process:
    """A server this script started, stopped by its PID."""

    def __init__(self, name, command, log_path, env=None, port=None):
        self.name = name
        self.log_file = open(log_path, "wb")
        self.process = subprocess.Popen([str(c) for c in command], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=self.log_file, env=env, start_new_session=True)
        self.pid = self.process.pid
        try:
            self.port = port if port is not None else self._read_port(log_path)
            if port is not None:
                self._wait_listening(log_path)
        except BaseException:
            self.stop()
            raise
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def _read_port(self, log_path):
        """The port of the first stdout line, `listening on http://127.0.0.1:PORT`."""
        deadline = time.monotonic() + 30
        line = b""
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                raise SystemExit(f"{self.name} did not report its port (see {log_path})")
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 1)
                if chunk:
                    line += chunk
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line.decode(errors="replace"))
        if not match:
            raise SystemExit(f"unexpected first line from {self.name}: {line!r}")
        return int(match.group(1))

    def _wait_listening(self, log_path):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited (see {log_path})")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"{self.name} is not listening on {self.port} (see {log_path})")

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx():
    """nginx in the foreground (master plus 2 workers) with a config generated under var/."""
    prefix = VAR / "bench-http-nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    temp = "".join(f"    {kind}_temp_path {prefix / ('tmp-' + kind)};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (prefix / "nginx.conf").write_text(
        "daemon off;\n"
        "master_process on;\n"
        "worker_processes 2;\n"
        f"pid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n"
        "    access_log off;\n"
        "    default_type application/json;\n"
        "    keepalive_requests 1000000;\n"
        f"{temp}"
        "    server {\n"
        f"        listen 127.0.0.1:{port};\n"
        "        location = /healthz { return 200 '{\"status\":\"ok\"}'; }\n"
        "    }\n"
        "}\n")
    command = [nginx_binary(), "-p", prefix, "-c", prefix / "nginx.conf", "-e", prefix / "error.log"]
    return Process("nginx", command, VAR / "bench-http-nginx.log", port=port)


def get(port, path, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check_endpoints(server, endpoints, token):
    """The first answers: 200 and JSON, else stop. Returns the body size per endpoint."""
    sizes = {}
    for label, path, authenticated in endpoints:
        status, body = get(server.port, path, token if authenticated else None)
        if status != 200:
            raise SystemExit(f"{server.name}: GET {path} answered {status}: {body[:300]!r}")
        json.loads(body)
        sizes[label] = len(body)
    return sizes


# --------------------------------------------------------------------------- wrk


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unknown wrk duration {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output):
    result = {}
    match = re.search(r"Requests/sec:\s+([0-9.]+)", output)
    result["rps"] = float(match.group(1)) if match else 0.0
    for percentile in ("50", "99"):
        match = re.search(rf"^\s*{percentile}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percentile}_ms"] = milliseconds(match.group(1)) if match else float("nan")
    match = re.search(r"(\d+) requests in", output)
    result["requests"] = int(match.group(1)) if match else 0
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(g) for g in match.groups()) if match else 0
    return result


def wrk(port, path, token, connections, seconds, close=False):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if close:
        command += ["-H", "Connection: close"]
    command.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise SystemExit(f"wrk failed: {result.stderr.strip()}")
    parsed = parse_wrk(result.stdout)
    if parsed["rps"] == 0:
        raise SystemExit(f"wrk measured nothing:\n{result.stdout}")
    return parsed


def runs_of(endpoints):
    """The wrk runs of one round for a server with these endpoints: (key, path, authenticated, connections, close)."""
    runs = [((label, connections), path, authenticated, connections, False)
            for label, path, authenticated in endpoints for connections in CONNECTIONS]
    # A new connection per request (wrk reconnects after each `Connection: close` answer).
    runs.append((("close", CONNECTIONS[0]), "/healthz", False, CONNECTIONS[0], True))
    return runs


def median_row(rows):
    """One figure per column over a run's rounds: the median of rps, p50 and p99 (each on its own), the
    sum of requests and errors, and every round's rps and p99 in `rounds` and `round_p99_ms` (for the
    ratios to a peer, taken round by round)."""
    return {
        "rps": statistics.median(r["rps"] for r in rows), "p50_ms": statistics.median(r["p50_ms"] for r in rows),
        "p99_ms": statistics.median(r["p99_ms"] for r in rows), "requests": sum(r["requests"] for r in rows),
        "non_2xx": sum(r["non_2xx"] for r in rows), "socket_errors": sum(r["socket_errors"] for r in rows),
        "rounds": [round(r["rps"]) for r in rows], "round_p99_ms": [r["p99_ms"] for r in rows],
    }


def measure(servers, endpoints_of, token, seconds, warmup, rounds):
    """Every server's runs, interleaved: in each round each run goes to every server that has it, in turn
    (the order rotating from round to round), so that a slow minute of the machine falls on all of them
    alike. Servers idle while another is measured. Returns {server: {key: median row}}."""
    names = list(servers)
    runs = {name: {run[0]: run for run in runs_of(endpoints_of[name])} for name in names}
    keys = list(dict.fromkeys(key for name in names for key in runs[name]))
    for name in names:
        if warmup > 0:
            for label, path, authenticated in endpoints_of[name]:
                wrk(servers[name].port, path, token if authenticated else None, CONNECTIONS[0], warmup)
    collected = {name: {} for name in names}
    for round_index in range(rounds):
        order = names[round_index % len(names):] + names[:round_index % len(names)]
        for key in keys:
            for name in (n for n in order if key in runs[n]):
                _, path, authenticated, connections, close = runs[name][key]
                log(f"  round {round_index + 1}/{rounds} {name} {key[0]} c={connections} ...")
                row = wrk(servers[name].port, path, token if authenticated else None, connections, seconds, close=close)
                collected[name].setdefault(key, []).append(row)
    return {name: {key: median_row(rows) for key, rows in by_key.items()} for name, by_key in collected.items()}


# --------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per run (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="wrk warm-up per endpoint and server, seconds (default 2)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds over every run and server, interleaved; the median is reported (default 3)")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--casework-bin", help="measure this casework binary instead of building one")
    parser.add_argument("--reseed", action="store_true", help="make var/bench-http-seed.sqlite again")
    parser.add_argument("--skip-nginx", action="store_true")
    parser.add_argument("--casework-log-level", help="CASEWORK_LOG_LEVEL for the server (default: its own, info)")
    args = parser.parse_args()

    ensure_tools()
    casework_bin = Path(args.casework_bin).resolve() if args.casework_bin else build_casework(args.swift, args.no_build)
    peer_bin = build_peer(args.swift, args.no_build)
    token, case_id = prepare_database(casework_bin, args.reseed)
    log(f"case {case_id}")
    endpoints = [("/healthz", "/healthz", False), ("case", f"/v1/cases/{case_id}", True)]
    notes = [f"requests/s, p50 and p99: medians over {args.rounds} interleaved rounds; ratios: the median of the rounds'"
             " ratios (every round: var/bench-http.json)"]
    load = os.getloadavg()[0]
    if load > 0.8:
        notes.append(f"1-minute load average was {load:.2f} before the run: other work on the 2 cores skews the figures")

    results, rss, sizes = {}, {}, {}
    env = dict(os.environ)
    if args.casework_log_level:
        env["CASEWORK_LOG_LEVEL"] = args.casework_log_level
    # The per-request log lines (stderr) go to /dev/null: formatted and written as in production,
    # without filling the disk.
    servers = [
        ("casework", lambda: Process("casework", [casework_bin, "serve", "--db", DB, "--host", "127.0.0.1", "--port", "0",
                                                  "--max-connections", "2048"], os.devnull, env=env)),
        ("hummingbird", lambda: Process("hummingbird", [peer_bin, "--db", DB, "--host", "127.0.0.1", "--port", "0"],
                                        VAR / "bench-http-hummingbird.log")),
    ]
    if not args.skip_nginx:
        servers.append(("nginx", start_nginx))
    started = {}
    try:
        for name, start in servers:
            log(f"{name}: starting")
            started[name] = start()
            own = endpoints if name != "nginx" else endpoints[:1]
            sizes[name] = check_endpoints(started[name], own, token)
            if name != "nginx":
                log(f"{name}: {IDLE_CONNECTIONS} idle keep-alive connections")
                rss[name] = idle_connections(started[name], IDLE_CONNECTIONS)
        endpoints_of = {name: endpoints if name != "nginx" else endpoints[:1] for name in started}
        results = measure(started, endpoints_of, token, args.seconds, args.warmup, args.rounds)
        for name, server in started.items():
            if name != "nginx":
                rss[name]["peak_kb"] = proc_status(server.pid, "VmHWM")
    finally:
        for server in started.values():
            server.stop()

    (VAR / "bench-http.json").write_text(json.dumps({
        "seconds": args.seconds, "rounds": args.rounds, "case_id": case_id,
        "results": {name: {f"{label} c={c}": row for (label, c), row in rows.items()} for name, rows in results.items()},
        "rss": rss, "body_bytes": sizes, "notes": notes,
    }, indent=2) + "\n")
    report(results, rss, sizes, case_id, args.seconds, notes, CONNECTIONS)


if __name__ == "__main__":
    main()
