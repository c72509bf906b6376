"""The one-line summaries `casework read-835` and `casework import-835` print per file: what an operator
reads after posting, counted with the right noun ("1 payment", "3 payments")."""

import subprocess

from conftest import ROOT, binary

SAMPLES = ROOT.parent / "shared" / "data" / "x12" / "835"


def run(*args):
    result = subprocess.run([binary(), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_read_835_counts_each_thing_with_its_noun():
    one = SAMPLES / "tertiary-payment.835"
    assert run("read-835", one) == f"{one}: 1 payment, 1 claim, 1 imbalance, 0 warnings"
    three = SAMPLES / "oopfactory_5010_ExampleFromNth.txt"
    assert run("read-835", three) == f"{three}: 3 payments, 56 claims, 104 imbalances, 0 warnings"


def test_import_835_says_what_each_posting_did(tmp_path):
    db, first = tmp_path / "casework.sqlite", SAMPLES / "tertiary-payment.835"
    assert run("import-835", "--db", db, first) == (
        f"{first}: 1 payment (0 duplicates), 0 claims matched, 1 created, 0 reversals, 1 denial, 0 cases opened, "
        "0 updated, 1 imbalance, 0 warnings")
    assert run("import-835", "--db", db, first) == (
        f"{first}: 1 payment (1 duplicate), 0 claims matched, 0 created, 0 reversals, 0 denials, 0 cases opened, "
        "0 updated, 0 imbalances, 0 warnings")
    # The same payment under another trace number is a new payment to the claim the first one created.
    second = tmp_path / "another-trace.835"
    second.write_bytes(first.read_bytes().replace(b"TRN*1*0012524879*", b"TRN*1*0012524880*"))
    assert run("import-835", "--db", db, second).startswith(
        f"{second}: 1 payment (0 duplicates), 1 claim matched, 0 created, 0 reversals, 1 denial, 0 cases opened, ")
