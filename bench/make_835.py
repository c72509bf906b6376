#!/usr/bin/env python3
"""Builds a large X12 835 file for the benchmarks out of the shared sample files.

Takes the transaction sets (ST..SE) of a few 5010 sample files that carry their own ISA/GS
envelope, and repeats them, round robin, until the file reaches the target size. Every copy
gets its own transaction set control number (ST02 = SE02), its own trace number (TRN02) and
its own claim numbers (CLP01, one per claim of the copy), so that every payment is new to the
posting and no two claims collapse into one. The copies go into interchanges of
--sets-per-group transaction sets per functional group and --groups-per-interchange groups per
interchange, with correct SE01, GE01/GE02 and IEA01/IEA02, and the 106-byte ISA.

Output delimiters are `*`, `:`, `^` and `~` followed by a newline. The amounts of every copy
are those of its template, so a copy balances exactly as its template does.

The file is reused while `<out>.params` (size, envelope sizes, the templates' SHA-256 and this
script's own hash) matches; `--force` rebuilds it. The marker also records what the file holds
(transaction sets, claims, CAS segments) for the benchmark's checks.

Python 3 standard library only. Usable as a module (`ensure(...)`) or from the command line.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "x12" / "835"
DEFAULT_OUT = ROOT / "var" / "bench" / "big.835"

# 5010 sample files with their own envelopes (ISA/GS/ST..SE/GE/IEA).
TEMPLATES = (
    "X221-multiple-claims-single-check.edi",
    "emedny_sample.txt",
    "oopfactory_5010_Example1.txt",
    "managed-care.835",
    "secondary-payment.835",
    "tertiary-payment.835",
    "medicare-part-a.835",
    "cob-contractural-adjustment.835",
)

ELEMENT, COMPONENT, REPETITION, TERMINATOR = "*", ":", "^", "~"
NEWLINE = "\n"
ISA_LENGTH = 106  # including the segment terminator
SENDER, RECEIVER = "CASEWORKBENCH", "CASEWORKDEMO"
DATE, TIME = "20250102", "1200"  # fixed, so the same parameters give the same bytes


def log(message):
    print(message, file=sys.stderr, flush=True)


class TemplateError(ValueError):
    pass


def read_template(path):
    """The transaction sets of one sample file, each a list of segments (lists of elements),
    in the output's delimiters."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.lstrip()
    text = data.decode("ascii")
    if not text.startswith("ISA") or len(text) < ISA_LENGTH:
        raise TemplateError(f"{path.name}: no ISA segment at the start")
    element, component, terminator = text[3], text[104], text[105]
    segments = [s.strip() for s in text.split(terminator)]
    segments = [s.split(element) for s in segments if s]
    isa = segments[0]
    repetition = isa[11] if isa[12] >= "00402" else None
    gs = next((s for s in segments if s[0] == "GS"), None)
    if gs is None or "5010" not in gs[8]:
        raise TemplateError(f"{path.name}: not a 5010 file (GS08 {gs[8] if gs else 'missing'!r})")

    def convert(value):
        if component != COMPONENT:
            value = value.replace(component, COMPONENT)
        if repetition and repetition != REPETITION:
            value = value.replace(repetition, REPETITION)
        for delimiter in (ELEMENT, TERMINATOR) if element != ELEMENT or terminator != TERMINATOR else ():
            if delimiter in value:
                raise TemplateError(f"{path.name}: the value {value!r} holds the output delimiter {delimiter!r}")
        return value

    sets, current = [], None
    for segment in segments:
        tag = segment[0]
        if tag == "ST":
            if current is not None:
                raise TemplateError(f"{path.name}: ST inside a transaction set")
            current = []
        if current is not None:
            current.append([tag] + [convert(value) for value in segment[1:]])
        if tag == "SE":
            if current is None:
                raise TemplateError(f"{path.name}: SE outside a transaction set")
            if int(segment[1]) != len(current):
                raise TemplateError(f"{path.name}: SE01 says {segment[1]} segments, the set has {len(current)}")
            sets.append(current)
            current = None
    if not sets:
        raise TemplateError(f"{path.name}: no transaction set")
    return sets


def isa_segment(control):
    fields = ["ISA", "00", " " * 10, "00", " " * 10, "ZZ", SENDER.ljust(15), "ZZ", RECEIVER.ljust(15),
              DATE[2:], TIME, REPETITION, "00501", f"{control:09d}", "0", "P", COMPONENT]
    text = ELEMENT.join(fields) + TERMINATOR
    assert len(text) == ISA_LENGTH, len(text)
    return text + NEWLINE


def segment_text(fields):
    return ELEMENT.join(fields) + TERMINATOR + NEWLINE


def copy_of(template, number):
    """The text of one copy of a transaction set, numbered `number` (1-based), and its claim count."""
    control = f"{number:09d}"
    out, claims, cas, claim_index = [], 0, 0, 0
    for fields in template:
        fields = list(fields)
        tag = fields[0]
        if tag == "ST":
            fields[2] = control
        elif tag == "SE":
            fields[1], fields[2] = str(len(template)), control
        elif tag == "TRN" and len(fields) > 2:
            fields[2] = f"BENCH{number:010d}"
        elif tag == "CLP":
            claim_index += 1
            fields[1] = f"BENCH{number:09d}-{claim_index:02d}"
            claims += 1
        elif tag == "CAS":
            cas += 1
        out.append(segment_text(fields))
    return "".join(out), claims, cas


def build(out, size_bytes, templates, sets_per_group, groups_per_interchange):
    """Writes the file; returns what it holds."""
    transaction_sets = [s for t in templates for s in t]
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    written = 0
    counts = {"interchanges": 0, "groups": 0, "transaction_sets": 0, "claims": 0, "cas_segments": 0}
    with open(partial, "w", encoding="ascii", newline="") as handle:
        def emit(text):
            nonlocal written
            handle.write(text)
            written += len(text)

        number = 0
        while written < size_bytes:
            counts["interchanges"] += 1
            interchange = counts["interchanges"]
            emit(isa_segment(interchange))
            groups = 0
            while groups < groups_per_interchange and written < size_bytes:
                groups += 1
                counts["groups"] += 1
                group = counts["groups"]
                emit(segment_text(["GS", "HP", SENDER, RECEIVER, DATE, TIME, str(group), "X", "005010X221A1"]))
                sets = 0
                while sets < sets_per_group and written < size_bytes:
                    template = transaction_sets[number % len(transaction_sets)]
                    number += 1
                    text, claims, cas = copy_of(template, number)
                    emit(text)
                    sets += 1
                    counts["claims"] += claims
                    counts["cas_segments"] += cas
                emit(segment_text(["GE", str(sets), str(group)]))
                counts["transaction_sets"] += sets
            emit(segment_text(["IEA", str(groups), f"{interchange:09d}"]))
    os.replace(partial, out)
    counts["bytes"] = written
    return counts


def fingerprint(paths):
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def ensure(out=DEFAULT_OUT, size_mb=30.0, source=DEFAULT_SOURCE, sets_per_group=1000, groups_per_interchange=4, force=False):
    """Builds `out` unless a file made with the same parameters is there; returns the marker's content."""
    out, source = Path(out), Path(source)
    paths = [source / name for name in TEMPLATES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise SystemExit(f"sample 835 files not found: {', '.join(missing)}")
    params = {"size_mb": size_mb, "sets_per_group": sets_per_group, "groups_per_interchange": groups_per_interchange,
              "templates": list(TEMPLATES), "fingerprint": fingerprint(paths)}
    marker = Path(str(out) + ".params")
    if not force and marker.exists() and out.exists():
        existing = json.loads(marker.read_text())
        if existing.get("params") == params and existing.get("contents", {}).get("bytes") == out.stat().st_size:
            log(f"reusing {out} ({out.stat().st_size / 1e6:.1f} MB, {existing['contents']['claims']} claims)")
            return existing
    marker.unlink(missing_ok=True)
    templates = [read_template(p) for p in paths]
    contents = build(out, int(size_mb * 1_000_000), templates, sets_per_group, groups_per_interchange)
    result = {"params": params, "contents": contents}
    marker.write_text(json.dumps(result, indent=1) + "\n")
    log(f"wrote {out}: {contents['bytes'] / 1e6:.1f} MB, {contents['transaction_sets']} transaction sets, "
        f"{contents['claims']} claims, {contents['cas_segments']} CAS segments, {contents['interchanges']} interchanges")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=30.0, help="target size in MB (10^6 bytes); the last copy may pass it")
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--source", default=str(DEFAULT_SOURCE), help="directory of the shared 835 sample files")
    parser.add_argument("--sets-per-group", type=int, default=1000, help="transaction sets per GS/GE group")
    parser.add_argument("--groups-per-interchange", type=int, default=4, help="GS/GE groups per ISA/IEA interchange")
    parser.add_argument("--force", action="store_true", help="rebuild even when the marker matches")
    args = parser.parse_args()
    result = ensure(args.out, args.size_mb, args.source, args.sets_per_group, args.groups_per_interchange, args.force)
    print(json.dumps(result["contents"]))


if __name__ == "__main__":
    main()
