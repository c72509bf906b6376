"""The table and the verdicts printed by bench/bench_http.py (issue 11's targets).

Targets, all as ratios to peers measured in the same minute: each round runs one endpoint on every
server one after the other, so a ratio is taken within a round, and the median of the rounds' ratios is
judged (the machine's speed drifts by a third between minutes; dividing two servers' medians taken
from different rounds let that drift decide). The table shows both servers' medians as well.
- GET /healthz: throughput ≥ 1.2× Hummingbird and ≥ 0.5× nginx, at each connection count;
- GET /v1/cases/{id}: throughput ≥ 1.2× Hummingbird and p99 ≤ Hummingbird's, at each count;
- a new connection per request (Connection: close, /healthz): throughput ≥ 1.0× Hummingbird;
- RSS per idle keep-alive connection ≤ 4 kB, CPU with them all idle < 1% of a core.
"""

import statistics

from idle_connections import IDLE_CONNECTIONS, IDLE_CPU_SECONDS

SERVERS = ("casework", "hummingbird", "nginx")


def fmt_ms(value):
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def round_figures(row, field):
    """Every round's figure of a run: requests/s ("rps") or p99 ("p99_ms")."""
    return row["rounds"] if field == "rps" else row["round_p99_ms"]


def paired_ratio(ours, peer, field):
    """The median over rounds of ours ÷ peer's `field` in the same round, and the rounds' ratios."""
    ratios = [a / b for a, b in zip(round_figures(ours, field), round_figures(peer, field))]
    return statistics.median(ratios), ratios


def ratio_text(ours, peer, field):
    """'1.25x (rounds 1.31, 1.25, 0.96; ratio of the medians 0.99)': the judged figure, the rounds it
    comes from, and the ratio of the two servers' medians for comparison with earlier reports."""
    median, ratios = paired_ratio(ours, peer, field)
    return (f"{median:.2f}x (rounds {', '.join(f'{r:.2f}' for r in ratios)}; "
            f"ratio of the medians {ours[field] / peer[field]:.2f})")


def row_name(label, case_id):
    return {"/healthz": "/healthz", "case": "/v1/cases/{id}", "close": "/healthz close"}[label]


def print_table(results, labels, connection_counts, case_id, seconds):
    print()
    print(f"wrk -t2 -cN -d{seconds}s --latency on 127.0.0.1; servers measured one at a time"
          f" (\"close\": Connection: close, a new connection per request)")
    print(f"{'endpoint':<16} {'conns':>5}  {'server':<12} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}  "
          f"{'rps ratio':>10} {'p99 ratio':>10}  errors")
    for label in labels:
        for connections in connection_counts:
            ours = results["casework"].get((label, connections))
            if ours is None:
                continue
            for server in SERVERS:
                row = results.get(server, {}).get((label, connections))
                if row is None:
                    continue
                if server == "casework":
                    ratio_rps, ratio_p99 = "", ""
                else:
                    ratio_rps = f"{paired_ratio(ours, row, 'rps')[0]:.2f}x"
                    ratio_p99 = f"{paired_ratio(ours, row, 'p99_ms')[0]:.2f}x"
                errors = row["non_2xx"] + row["socket_errors"]
                print(f"{row_name(label, case_id):<16} {connections:>5}  {server:<12} {row['rps']:>10,.0f} "
                      f"{fmt_ms(row['p50_ms']):>8} {fmt_ms(row['p99_ms']):>8}  {ratio_rps:>10} {ratio_p99:>10}  "
                      f"{errors or ''}")
    print("(ratios: casework ÷ that peer within each round, the median over rounds; rps ratio ≥ 1 and p99 ratio ≤ 1"
          " favour casework)")


def print_idle(rss):
    print()
    print(f"{IDLE_CONNECTIONS:,} idle keep-alive connections (each had one GET /healthz answered); "
          f"CPU over {IDLE_CPU_SECONDS} s while held:")
    print(f"{'server':<12} {'baseline':>10} {'held':>10} {'per conn':>9} {'after close':>12} {'fds held':>9} "
          f"{'still open':>11} {'idle CPU':>9}")
    for server in ("casework", "hummingbird"):
        r = rss.get(server)
        if r:
            print(f"{server:<12} {r['baseline_kb'] / 1024:>8.1f}MB {r['held_kb'] / 1024:>8.1f}MB "
                  f"{r['per_connection_kb']:>7.1f}kB {r['after_close_kb'] / 1024:>10.1f}MB {r['held_fds']:>9} "
                  f"{r['still_open']:>6}/{IDLE_CONNECTIONS} {r['idle_cpu_percent']:>8.2f}%")


def verdict(ok, text):
    print(f"  {'met ' if ok else 'MISS'} {text}")
    return ok


def report(results, rss, sizes, case_id, seconds, notes, connection_counts):
    """Prints the table, the idle figures and each target; True when every target is met."""
    print_table(results, ("/healthz", "case", "close"), connection_counts, case_id, seconds)
    print()
    print(f"body bytes  /v1/cases/{{id}}: casework {sizes['casework']['case']}, hummingbird "
          f"{sizes['hummingbird']['case']} ({sizes['hummingbird']['case'] / sizes['casework']['case']:.2f}x)")
    print_idle(rss)
    print()
    print("targets (issue 11):")
    verdicts = []
    ours_all, peer_all = results["casework"], results["hummingbird"]
    for label in ("/healthz", "case"):
        for connections in connection_counts:
            ours, peer = ours_all[(label, connections)], peer_all[(label, connections)]
            name = row_name(label, case_id)
            verdicts.append(verdict(paired_ratio(ours, peer, "rps")[0] >= 1.2,
                                    f"throughput ≥ 1.2× hummingbird  {name} c={connections}: "
                                    f"{ours['rps']:,.0f} vs {peer['rps']:,.0f}, {ratio_text(ours, peer, 'rps')}"))
            if label == "case":
                verdicts.append(verdict(paired_ratio(ours, peer, "p99_ms")[0] <= 1,
                                        f"p99 ≤ hummingbird             {name} c={connections}: "
                                        f"{fmt_ms(ours['p99_ms'])} vs {fmt_ms(peer['p99_ms'])} ms, "
                                        f"{ratio_text(ours, peer, 'p99_ms')}"))
    if "nginx" in results:
        for connections in connection_counts:
            ours, peer = ours_all[("/healthz", connections)], results["nginx"][("/healthz", connections)]
            verdicts.append(verdict(paired_ratio(ours, peer, "rps")[0] >= 0.5,
                                    f"throughput ≥ 0.5× nginx        /healthz c={connections}: "
                                    f"{ours['rps']:,.0f} vs {peer['rps']:,.0f}, {ratio_text(ours, peer, 'rps')}"))
    close_key = ("close", connection_counts[0])
    ours, peer = ours_all[close_key], peer_all[close_key]
    verdicts.append(verdict(paired_ratio(ours, peer, "rps")[0] >= 1.0,
                            f"throughput ≥ 1.0× hummingbird  /healthz close c={connection_counts[0]}: "
                            f"{ours['rps']:,.0f} vs {peer['rps']:,.0f}, {ratio_text(ours, peer, 'rps')}"))
    idle = rss["casework"]
    verdicts.append(verdict(idle["per_connection_kb"] <= 4,
                            f"RSS per idle connection ≤ 4 kB: {idle['per_connection_kb']:.1f} kB"))
    verdicts.append(verdict(idle["idle_cpu_percent"] < 1,
                            f"CPU with {IDLE_CONNECTIONS:,} idle connections < 1%: {idle['idle_cpu_percent']:.2f}%"))
    print(f"  {sum(verdicts)} of {len(verdicts)} met")
    for note in notes:
        print(f"note: {note}")
    return all(verdicts)
