"""The peer parsers of bench/bench_835.py — oxedi's parse_file, pyx12's X12Reader and its map-walking
X12ContextReader — each timed over the same 835 file in a fresh Python process (this file run as a
script: `python parse_peers.py KIND FILE RUNS BUDGET_SECONDS`, printing its figures as one JSON line),
so that one peer's memory and imports never weigh on another's.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def worker(kind, path, runs, budget):
    """Runs one peer parser over `path` (in this fresh process) and prints its figures as JSON."""
    size = os.path.getsize(path)
    result = {"kind": kind, "bytes": size, "rates": [], "seconds": []}
    if kind == "oxedi":
        import oxedi
        result["version"] = oxedi.__version__
        started_all = time.monotonic()
        for index in range(runs):
            started = time.perf_counter()
            parsed = oxedi.parse_file(path)
            claims = parsed.count_claims()
            elapsed = time.perf_counter() - started
            result["seconds"].append(elapsed)
            result["rates"].append(size / 1e6 / elapsed)
            if index == 0:
                result["claims"] = claims
                result["tables"] = {name: len(parsed.tables[name]) for name in parsed.tables.keys()}
                kinds = {}
                for diagnostic in parsed.diagnostics:
                    kinds[diagnostic.kind] = kinds.get(diagnostic.kind, 0) + 1
                result["diagnostics"] = kinds
            del parsed
            if time.monotonic() - started_all > budget:
                break
    elif kind == "pyx12-segments":
        import pyx12.x12file
        result["version"] = pyx12_version()
        started_all = time.monotonic()
        for index in range(runs):
            started = time.perf_counter()
            count, clp, errors = 0, 0, 0
            reader = pyx12.x12file.X12Reader(path)
            for segment in reader:
                count += 1
                if segment.get_seg_id() == "CLP":
                    clp += 1
                errors += len(reader.pop_errors())
            reader.close()
            elapsed = time.perf_counter() - started
            result["seconds"].append(elapsed)
            result["rates"].append(size / 1e6 / elapsed)
            result["claims"], result["segments"], result["errors"] = clp, count, errors
            if time.monotonic() - started_all > budget:
                break
    elif kind == "pyx12-tree":
        # The map-walking reader yields one loop tree per claim (loop 2100) and a node per other
        # segment. It is timed for `budget` seconds from the first ST on (the 835 map is loaded at
        # GS), and the bytes it consumed from the file in that time give the rate.
        import pyx12.error_handler
        import pyx12.params
        import pyx12.x12context
        result["version"] = pyx12_version()

        class Counting:
            def __init__(self, handle):
                self.handle, self.consumed = handle, 0
                self.closed = False

            def read(self, size=-1):
                data = self.handle.read(size)
                self.consumed += len(data)
                return data

            def close(self):
                self.handle.close()

        with open(path, encoding="ascii") as handle:
            source = Counting(handle)
            reader = pyx12.x12context.X12ContextReader(pyx12.params.params(), pyx12.error_handler.errh_null(), source)
            started, start_bytes, claims, nodes = None, 0, 0, 0
            for node in reader.iter_segments("2100"):
                if started is None:
                    if node.id == "ST":
                        started, start_bytes = time.perf_counter(), source.consumed
                    continue
                nodes += 1
                if node.id == "2100":
                    claims += 1
                if time.perf_counter() - started > budget:
                    break
            elapsed = time.perf_counter() - started
            consumed = source.consumed - start_bytes
        result["seconds"].append(elapsed)
        result["rates"].append(consumed / 1e6 / elapsed)
        result.update(claims=claims, nodes=nodes, consumed=consumed)
    else:
        raise SystemExit(f"unknown peer {kind}")
    print(json.dumps(result))


def pyx12_version():
    try:
        import importlib.metadata
        return importlib.metadata.version("pyx12")
    except Exception:
        return "?"


def run_peer(python, kind, path, runs, budget):
    """The figures of one peer, from a fresh `python` process running `worker`."""
    command = [python, str(Path(__file__).resolve()), kind, str(path), str(runs), str(budget)]
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    result = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
