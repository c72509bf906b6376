"""The sqlite3 CLI peers of `bench/bench_835.py`'s posting throughput: the peer script (one INSERT per
payment, claim and CAS adjustment of a make_835 file, in tables shaped like ours) and the SQLite floor
(every row a posting wrote, copied by INSERT … SELECT into a fresh database of our schema), each timed
as one whole `sqlite3` process. Python 3 standard library only."""

import decimal
import sqlite3 as sqlite
import subprocess
import time
from pathlib import Path


def cents(text):
    if not text:
        return 0
    return int((decimal.Decimal(text) * 100).to_integral_value(rounding=decimal.ROUND_HALF_EVEN))


def file_rows(path):
    """Payments, claims and CAS adjustments of a file written by make_835 (`*`, `:`, `~` + newline)."""
    payments, claims, adjustments = [], [], []
    payer = None
    line = 0
    with open(path, encoding="ascii") as handle:
        for raw in handle:
            segment = raw.rstrip("\n").rstrip("~")
            fields = segment.split("*")
            tag = fields[0]
            if tag == "ST":
                payments.append({"control": fields[2], "trace": "", "total": 0, "payer": ""})
                payer = None
            elif tag == "BPR":
                payments[-1]["total"] = cents(fields[2])
            elif tag == "TRN":
                payments[-1]["trace"] = fields[2]
            elif tag == "N1" and fields[1] == "PR" and payer is None:
                payer = fields[2]
                payments[-1]["payer"] = payer
            elif tag == "CLP":
                get = lambda i: fields[i] if len(fields) > i else ""
                claims.append({"payment": len(payments) - 1, "number": fields[1], "status": get(2), "charge": cents(get(3)),
                               "paid": cents(get(4)), "patient": cents(get(5)), "payer_claim": get(7)})
                line = 0
            elif tag == "SVC":
                line += 1
            elif tag == "CAS" and claims:
                group = fields[1]
                for index in range(2, len(fields), 3):
                    if fields[index]:
                        adjustments.append({"claim": len(claims) - 1, "group": group, "reason": fields[index],
                                            "amount": cents(fields[index + 1] if index + 1 < len(fields) else ""),
                                            "line": line or None})
    return payments, claims, adjustments


def sql_text(value):
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def write_peer_script(path, target, now="2025-01-02T12:00:00Z"):
    """The sqlite3 peer's script: one INSERT per payment, claim and adjustment, in one transaction,
    into tables shaped like remittance_payments, claims and remittance_adjustments (text ids,
    unique (organization, claim number), the lookup indexes), with the server's pragmas."""
    payments, claims, adjustments = file_rows(path)
    org = "org_bench"
    out = [
        "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = FULL;", "PRAGMA foreign_keys = ON;",
        "CREATE TABLE payments (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, payer_name TEXT NOT NULL, trace_number TEXT NOT NULL,"
        " control_number TEXT NOT NULL, total_payment_cents INTEGER NOT NULL, posted_at TEXT NOT NULL);",
        "CREATE INDEX payments_by_trace ON payments(organization_id, payer_name, trace_number);",
        "CREATE TABLE claims (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, claim_number TEXT NOT NULL,"
        " payment_id TEXT NOT NULL REFERENCES payments(id), status_code TEXT NOT NULL, billed_cents INTEGER NOT NULL,"
        " paid_cents INTEGER NOT NULL, cost_share_cents INTEGER NOT NULL, payer_claim_number TEXT, created_at TEXT NOT NULL,"
        " UNIQUE (organization_id, claim_number));",
        "CREATE INDEX claims_by_payment ON claims(payment_id);",
        "CREATE TABLE adjustments (claim_id TEXT NOT NULL REFERENCES claims(id), position INTEGER NOT NULL, group_code TEXT NOT NULL,"
        " carc TEXT NOT NULL, amount_cents INTEGER NOT NULL, level TEXT NOT NULL, line_number INTEGER, PRIMARY KEY (claim_id, position));",
        "BEGIN IMMEDIATE;",
    ]
    by_claim = {}
    for adjustment in adjustments:
        by_claim.setdefault(adjustment["claim"], []).append(adjustment)
    next_claim = 0
    for p_index, payment in enumerate(payments):
        payment_id = f"rmt_{p_index:012x}"
        out.append(f"INSERT INTO payments VALUES ({sql_text(payment_id)}, '{org}', {sql_text(payment['payer'])}, "
                   f"{sql_text(payment['trace'])}, {sql_text(payment['control'])}, {payment['total']}, '{now}');")
        while next_claim < len(claims) and claims[next_claim]["payment"] == p_index:
            claim = claims[next_claim]
            claim_id = f"clm_{next_claim:012x}"
            out.append(f"INSERT INTO claims VALUES ({sql_text(claim_id)}, '{org}', {sql_text(claim['number'])}, {sql_text(payment_id)}, "
                       f"{sql_text(claim['status'])}, {claim['charge']}, {claim['paid']}, {claim['patient']}, "
                       f"{sql_text(claim['payer_claim'] or None)}, '{now}');")
            for position, a in enumerate(by_claim.get(next_claim, [])):
                out.append(f"INSERT INTO adjustments VALUES ({sql_text(claim_id)}, {position}, {sql_text(a['group'])}, {sql_text(a['reason'])}, "
                           f"{a['amount']}, '{'line' if a['line'] else 'claim'}', {sql_text(a['line'])});")
            next_claim += 1
    out.append("COMMIT;")
    Path(target).write_text("\n".join(out) + "\n")
    return {"payments": len(payments), "claims": len(claims), "adjustments": len(adjustments)}


def remove_db(db):
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def timed_script(sqlite3, db, script, what):
    """Wall time of one `sqlite3 DB < script` process; `what` names it when it fails. Removes the database after."""
    with open(script, "rb") as handle:
        started = time.perf_counter()
        result = subprocess.run([sqlite3, str(db)], stdin=handle, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - started
    if result.returncode != 0 or result.stderr.strip():
        raise RuntimeError(f"{what} failed: {result.stderr.decode(errors='replace').strip()[:1000]}")
    remove_db(db)
    return elapsed


def sqlite_peer(sqlite3, script, db):
    """Wall time of one `sqlite3 DB < script` process on a fresh file."""
    remove_db(db)
    return timed_script(sqlite3, db, script, "sqlite3 peer")


def sqlite_floor(sqlite3, binary, posted, db):
    """Wall time of one `sqlite3 DB < script` process copying every row of `posted` into a fresh
    `casework demo` database `db` (same schema: tables, indexes, triggers; WAL, synchronous=FULL),
    in one transaction: the least SQLite needs to store what the posting stored, with no SQL text
    per row and no application work. Returns (seconds, rows copied)."""
    remove_db(db)
    subprocess.run([str(binary), "demo", "--db", str(db)], capture_output=True, check=True)
    source = sqlite.connect(f"file:{posted}?mode=ro", uri=True)
    # Rollups are derived: the copy's triggers keep them, as the posting's did.
    tables = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' "
        "AND name NOT LIKE '%_rollup' ORDER BY rowid")]
    lines = ["PRAGMA synchronous = FULL;", "PRAGMA cache_size = -16384;", f"ATTACH '{posted}' AS src;", "BEGIN;"]
    rows = 0
    for table in tables:
        # Generated columns (hidden 2 and 3) are computed, not copied.
        columns = ", ".join(f'"{row[1]}"' for row in source.execute(f'PRAGMA table_xinfo("{table}")') if row[6] == 0)
        lines.append(f'INSERT OR IGNORE INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}";')
        rows += source.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    lines.append("COMMIT;")
    source.close()
    script = Path(str(db) + ".sql")
    script.write_text("\n".join(lines) + "\n")
    elapsed = timed_script(sqlite3, db, script, "SQLite floor")
    script.unlink()
    return elapsed, rows
