"""`casework read-835 --json` against oxedi, an independent 835 reader, on every shared sample file.

oxedi projects loops into tables through a JSON spec; the tables compared here are declared
in OXEDI_TABLES (a patch over oxedi's built-in spec for the version it detects), so both
readers are asked for the same elements: per payment BPR02, TRN02 and every PLB pair; per
claim CLP01-05, CLP07, its CAS triplets, its MOA/MIA remark codes; per service line SVC01,
SVC02, SVC03, its CAS triplets and LQ*HE codes. Claims are also compared with
../shared/data/claims/remittance-claims.json, which was derived from the same files.

Normalisations (each applied to both sides, never a skipped file):
- blue_cross_nc_sample.txt has no ISA/GS envelope, which oxedi cannot read ("input does not
  start with an ISA segment"): it is wrapped in a synthetic ISA/GS ... GE/IEA for oxedi, and
  oxedi's segment indexes are shifted back by the two added segments.
- An amount oxedi reads as null where the file leaves it empty (CLP03/CLP04 of
  "CLP*090909*22~" in oopfactory_5010_Example1.txt, SVC02/SVC03 of the third line of
  blue_cross_nc_sample.txt, an empty CLP05) is compared as 0, which is what casework reports
  (with a warning for CLP03/04 and SVC02/03).
- The byte-order mark of the oopfactory files needs nothing: both readers skip it.

Run: CASEWORK_BIN=$(swift build --show-bin-path)/casework .venv/bin/python -m pytest -q Tests/EndToEnd/test_x12_oxedi.py
"""
import collections
import json
import subprocess
from decimal import Decimal

import oxedi
import pytest

from conftest import ROOT, binary

SAMPLES = ROOT.parent / "shared" / "data" / "x12" / "835"
CLAIMS_FIXTURE = ROOT.parent / "shared" / "data" / "claims" / "remittance-claims.json"

# Segment ids without envelope: wrapped for oxedi (see the module docstring).
WRAP_HEAD = (b"ISA*00*          *00*          *ZZ*CASEWORK       *ZZ*CASEWORK       *240101*1200*^*00501*"
             b"000000001*0*P*:~GS*HP*CASEWORK*CASEWORK*20240101*1200*1*X*005010X221A1~")
WRAP_TAIL = b"GE*1*1~IEA*1*000000001~"

TRIPLETS = {"repeat": {"from": 2, "step": 3}, "segment": "CAS", "columns": {
    "group": {"element": 1}, "reason": {"group_element": 0}, "amount": {"group_element": 1}}}
OXEDI_TABLES = {
    # Drop the built-in tables that anchor on the same loops.
    "payments": None, "claims": None, "services": None, "adjustments": None, "provider_adjustments": None,
    "cmp_payments": {"loops": ["transaction"], "ref": "payment", "columns": {
        "total": {"segment": "BPR", "element": 2}, "trace": {"segment": "TRN", "element": 2}}},
    "cmp_plb": {"loops": ["transaction"], "segment": "PLB", "repeat": {"from": 3, "step": 2}, "columns": {
        "reason": {"group_element": 0, "component": 1}, "reference": {"group_element": 0, "component": 2},
        "amount": {"group_element": 1}}},
    "cmp_claims": {"loops": ["2100"], "ref": "claim", "columns": {
        "number": {"segment": "CLP", "element": 1}, "status": {"segment": "CLP", "element": 2},
        "charge": {"segment": "CLP", "element": 3}, "paid": {"segment": "CLP", "element": 4},
        "responsibility": {"segment": "CLP", "element": 5}, "payer_number": {"segment": "CLP", "element": 7}}},
    "cmp_claim_cas": dict(TRIPLETS, loops=["2100"]),
    "cmp_moa": {"loops": ["2100"], "segment": "MOA", "columns": {f"e{i}": {"element": i} for i in range(3, 8)}},
    "cmp_mia": {"loops": ["2100"], "segment": "MIA",
                "columns": {f"e{i}": {"element": i} for i in (5, 20, 21, 22, 23)}},
    "cmp_services": {"loops": ["2110"], "ref": "service", "columns": dict(
        {f"c{i}": {"segment": "SVC", "element": 1, "component": i} for i in range(1, 8)},
        charge={"segment": "SVC", "element": 2}, paid={"segment": "SVC", "element": 3})},
    "cmp_line_cas": dict(TRIPLETS, loops=["2110"]),
    "cmp_lq": {"loops": ["2110"], "segment": "LQ", "columns": {"qualifier": {"element": 1}, "code": {"element": 2}}},
}


def sample_names():
    names = sorted(p.name for p in SAMPLES.iterdir() if not p.name.startswith(".")) if SAMPLES.is_dir() else []
    assert names, f"no sample files in {SAMPLES}"
    return names


def casework(name):
    """The JSON document of `read-835 --json` for one sample file (the command must succeed)."""
    run = subprocess.run([binary(), "read-835", "--json", str(SAMPLES / name)], capture_output=True, text=True)
    assert run.returncode == 0, f"{name}: {run.stderr}"
    document = json.loads(run.stdout)
    assert len(document["files"]) == 1
    return document["files"][0]


def oxedi_input(name):
    """The bytes oxedi is given, and how many segments were added in front (normalisation)."""
    data = (SAMPLES / name).read_bytes()
    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"ISA"):
        return WRAP_HEAD + data + WRAP_TAIL, 2
    return data, 0


def cents(text):
    """oxedi's rendered decimal (or null, compared as 0) as integer cents."""
    return 0 if text is None else int(Decimal(text) * 100)


def table(result, name):
    """The rows of one oxedi table as dicts, parsed from its text rendering ('∅' = null)."""
    lines = [line for line in result.tables[name].render().splitlines() if line]
    columns = [field.split(":")[0].strip() for field in lines[1].split(" | ")]
    rows = []
    for line in lines[2:]:
        values = line.split(" | ")
        assert len(values) == len(columns), f"{name}: cannot split {line!r}"
        rows.append({c: (None if v == "∅" else v) for c, v in zip(columns, values)})
    return rows


def read_with_oxedi(name):
    data, shift = oxedi_input(name)
    detected = oxedi.parse(data).spec
    result = oxedi.parse(data, spec=detected.patch({"tables": OXEDI_TABLES}))
    return {key: table(result, key) for key in OXEDI_TABLES if OXEDI_TABLES[key] is not None}, shift


def group(rows, *keys):
    out = collections.defaultdict(list)
    for row in rows:
        out[tuple(int(row[k]) for k in keys)].append(row)
    return out


def unique(codes):
    seen = []
    for code in codes:
        if code not in seen:
            seen.append(code)
    return seen


@pytest.mark.parametrize("name", sample_names())
def test_casework_and_oxedi_read_the_same_payments(name):
    ours = casework(name)
    theirs, shift = read_with_oxedi(name)

    payments = ours["payments"]
    assert [(cents(p["total"]), p["trace"]) for p in theirs["cmp_payments"]] == \
           [(p["total_payment_cents"], p["trace_number"]) for p in payments]
    plb = group(theirs["cmp_plb"], "payment")
    for index, payment in enumerate(payments):
        assert [(r["reason"], r["reference"], cents(r["amount"])) for r in plb.get((index,), [])] == \
               [(a["reason"], a["reference"], a["amount_cents"]) for a in payment["provider_adjustments"]]

    claims = [claim for payment in payments for claim in payment["claims"]]
    their_claims = theirs["cmp_claims"]
    assert len(their_claims) == len(claims), name
    claim_cas = group(theirs["cmp_claim_cas"], "claim")
    line_cas = group(theirs["cmp_line_cas"], "service")
    moa, mia = group(theirs["cmp_moa"], "claim"), group(theirs["cmp_mia"], "claim")
    services = group(theirs["cmp_services"], "claim")
    lq = group(theirs["cmp_lq"], "service")
    for index, (claim, row) in enumerate(zip(claims, their_claims)):
        where = f"{name} claim {index + 1} ({claim['claim_number']})"
        assert int(row["segment"]) - shift == claim["segment_number"] - 1, where
        assert (row["number"], row["status"], cents(row["charge"]), cents(row["paid"]),
                cents(row["responsibility"]), row["payer_number"]) == \
               (claim["claim_number"], claim["status_code"], claim["charge_cents"], claim["paid_cents"],
                claim["patient_responsibility_cents"], claim["payer_claim_number"]), where
        assert [(r["group"], r["reason"], cents(r["amount"])) for r in claim_cas.get((index,), [])] == \
               [(a["group"], a["reason"], a["amount_cents"]) for a in claim["adjustments"]], where
        remarks = [r[f"e{i}"] for r in mia.get((index,), []) for i in (5, 20, 21, 22, 23)] + \
                  [r[f"e{i}"] for r in moa.get((index,), []) for i in range(3, 8)]
        assert unique(code for code in remarks if code) == claim["remark_codes"], where

        their_lines = services.get((index,), [])
        assert len(their_lines) == len(claim["service_lines"]), where
        for line, service in zip(claim["service_lines"], their_lines):
            at = f"{where} line at segment {line['segment_number']}"
            procedure = ":".join(service[f"c{i}"] or "" for i in range(1, 8)).rstrip(":")
            assert (procedure, cents(service["charge"]), cents(service["paid"])) == \
                   (line["procedure"], line["charge_cents"], line["paid_cents"]), at
            key = (int(service["row"]),)
            assert [(r["group"], r["reason"], cents(r["amount"])) for r in line_cas.get(key, [])] == \
                   [(a["group"], a["reason"], a["amount_cents"]) for a in line["adjustments"]], at
            assert [r["code"] for r in lq.get(key, []) if r["qualifier"] == "HE"] == line["remark_codes"], at


def fixture_claims_by_file():
    with open(CLAIMS_FIXTURE) as handle:
        fixture = json.load(handle)
    by_file = collections.defaultdict(list)
    for entry in fixture["claims"]:
        for remittance in entry["remittances"]:
            by_file[remittance["source_file"]].append((entry, remittance))
    return by_file


@pytest.mark.parametrize("name", sample_names())
def test_amounts_match_the_claims_fixture(name):
    """One fixture entry per CLP loop, in file order; a repeated claim number carries -N."""
    expected = fixture_claims_by_file()[name]
    claims = [claim for payment in casework(name)["payments"] for claim in payment["claims"]]
    assert len(claims) == len(expected), name
    for claim, (entry, remittance) in zip(claims, expected):
        number = entry["claim_number"]
        assert number == claim["claim_number"] or number.startswith(claim["claim_number"] + "-"), (name, number)
        assert entry["billed_cents"] == claim["charge_cents"], number
        assert remittance["status_code"] == claim["status_code"], number
        assert remittance["paid_cents"] == claim["paid_cents"], number
        assert remittance["patient_responsibility_cents"] == claim["patient_responsibility_cents"], number
        ours = [(a["group"], a["reason"], a["amount_cents"], "claim") for a in claim["adjustments"]] + \
               [(a["group"], a["reason"], a["amount_cents"], "line")
                for line in claim["service_lines"] for a in line["adjustments"]]
        assert [(a["group"], a["carc"], a["amount_cents"], a["level"]) for a in remittance["adjustments"]] == ours, number
        lines = unique(code for line in claim["service_lines"] for code in line["remark_codes"])
        assert sorted(remittance["remark_codes"]) == sorted(unique(claim["remark_codes"] + lines)), number


def test_imbalances_agree_with_oxedi_balancing_findings():
    """oxedi reports broken balancing rules as BalanceMismatch diagnostics, at the segment that
    opens the loop; casework's claim and line imbalances must be at the same segments."""
    for name in sample_names():
        data, shift = oxedi_input(name)
        theirs = sorted(d.segment - shift for d in oxedi.parse(data).diagnostics
                        if d.kind == "BalanceMismatch" and ("claim_balance" in d.rule or "service_balance" in d.rule))
        ours = sorted(i["segment_number"] - 1 for p in casework(name)["payments"] for i in p["imbalances"]
                      if i["level"] in ("claim", "line"))
        assert ours == theirs, name
