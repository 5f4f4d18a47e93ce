"""Benchmark: name matching on real Tesseract misreads, against naive baselines (docs/benchmarks.md#match).

    .venv/bin/python bench/match.py [--repeat 200] [--certificates 40] [--bankbooks 24] [--seed 11]

Genuine pairs: the 79 recorded reads in ``tests/fixtures/match/degraded_reads.json`` (fictional names,
five fonts, blur/noise/JPEG/fax/downscale/rotation — every read there differs from the printed text)
plus each of those names read back exactly. Tampered pairs: each genuine read checked against (a) another
name of the list and (b) the declared name with one readable syllable swapped for a readable syllable
that is no OCR confusion of it.

Methods: exact comparison of canonical keys; rapidfuzz ``ratio`` ≥ 80 on the keys; jamo-level
similarity ≥ 0.85; ``pgdocs.ocr.match.match_name``. A baseline can only accept or reject; pgdocs may
also send a pair to review. Printed per method: genuine accepted / review / rejected, tampered accepted
(the number that must be 0) / review / rejected, and microseconds per call (noisy on a shared machine:
compare ratios).

``--certificates N`` also generates N fictional certificates (``pgdocs samples certificates``, every kind
and variant), reads each once (``pgdocs.ocr.extract``) and prints, per field, the raw match statuses of
the genuine record and of the record tampered in that field (before ``verify`` turns them into a
verdict). ``--bankbooks N`` does the same for generated 통장 사본: account number and holder, genuine
and tampered (last digit +3; another person as holder).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from pgdocs.hangul import is_confusion, jamo_similarity  # noqa: E402
from pgdocs.names import name_key  # noqa: E402
from pgdocs.ocr.charset import representable  # noqa: E402
from pgdocs.ocr.match import match_name  # noqa: E402

Pair = tuple[str, str, str]  # declared, read, kind
Verdict = str  # "accept" | "review" | "reject"


def _pairs() -> tuple[list[Pair], list[Pair]]:
    path = REPO / "tests" / "fixtures" / "match" / "degraded_reads.json"
    rows = json.loads(path.read_text(encoding="utf-8"))["reads"]
    kinds = {r["declared"]: r["kind"] for r in rows}
    genuine: list[Pair] = [(r["declared"], r["read"], r["kind"]) for r in rows]
    genuine += [(name, name, kind) for name, kind in kinds.items()]
    names = sorted(kinds)
    tampered: list[Pair] = []
    for i, (declared, read, kind) in enumerate(genuine):
        other = names[(names.index(declared) + 7) % len(names)]
        tampered.append((other, read, kind))
        swapped = _swap(declared, i)
        if swapped:
            tampered.append((swapped, read, kind))
    return genuine, tampered


def _swap(name: str, seed: int) -> str | None:
    spots = [i for i, c in enumerate(name) if "가" <= c <= "힣" and representable(c)]
    if not spots:
        return None
    i = spots[seed % len(spots)]
    for new in "국밤튼섭괘림혁":
        if new != name[i] and representable(new) and not is_confusion(name[i], new):
            return name[:i] + new + name[i + 1:]
    return None


def _exact(d: str, r: str, kind: str) -> Verdict:
    return "accept" if name_key(d, kind=kind) == name_key(r, kind=kind) else "reject"


def _ratio(d: str, r: str, kind: str) -> Verdict:
    return "accept" if fuzz.ratio(name_key(d, kind=kind), name_key(r, kind=kind)) >= 80 else "reject"


def _jamo(d: str, r: str, kind: str) -> Verdict:
    return "accept" if jamo_similarity(name_key(d, kind=kind), name_key(r, kind=kind)) >= 0.85 else "reject"


def _pgdocs(d: str, r: str, kind: str) -> Verdict:
    status = match_name(d, r, kind=kind).status
    return {"match": "accept", "mismatch": "reject"}.get(status, "review")


METHODS: dict[str, Callable[[str, str, str], Verdict]] = {
    "exact key": _exact,
    "rapidfuzz ratio>=80": _ratio,
    "jamo similarity>=0.85": _jamo,
    "pgdocs match_name": _pgdocs,
}


def _field_fns() -> dict[str, Callable[[Any, str | None], Any]]:
    from pgdocs.ocr.spec import FIELDS

    names = ("business_number", "corporate_number", "business_name", "representative", "opening_date",
             "birth_date", "address", "business_type", "business_item")
    return {name: matcher for name in names if (matcher := FIELDS[name].matcher) is not None}


def certificates(count: int, seed: int) -> None:
    from pgdocs.ocr.extract import extract

    fns = _field_fns()
    genuine: dict[str, Counter[str]] = {k: Counter() for k in fns}
    tampered: dict[str, Counter[str]] = {k: Counter() for k in fns}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "certs"
        subprocess.run([sys.executable, "-m", "pgdocs", "samples", "certificates", "-o", str(out), "--count",
                        str(count), "--seed", str(seed)], check=True, capture_output=True, timeout=1800)
        for truth_path in sorted(out.glob("*.truth.json")):
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            doc = next(p for p in out.glob(truth_path.name.replace(".truth.json", ".*"))
                       if not p.name.endswith(".json"))
            ex = extract(doc)
            found = {k: (v.value if v else None) for k, v in ex.fields.items()}
            for name, fn in fns.items():
                if truth["record"].get(name):
                    genuine[name][fn(truth["record"][name], found.get(name)).status] += 1
            for t in truth.get("tampered", []):
                name = t["tampered_field"]
                if name in fns:
                    tampered[name][fns[name](t["record"][name], found.get(name)).status] += 1
    statuses = ("match", "unverifiable", "unreadable", "mismatch")
    print(f"\n{count} generated certificates (seed {seed}); statuses match/unverifiable/unreadable/mismatch")
    head = f"{'field':<18}{'genuine':>20}{'tampered field':>22}"
    print(head)
    print("-" * len(head))
    for name in fns:
        g = "/".join(str(genuine[name][s]) for s in statuses)
        t = "/".join(str(tampered[name][s]) for s in statuses)
        print(f"{name:<18}{g:>20}{t:>22}")


def bankbooks(count: int, seed: int) -> None:
    from pgdocs.ocr import match as m
    from pgdocs.ocr.bankbook import read_bankbook_text

    rows: dict[str, Counter[str]] = {k: Counter() for k in ("account", "account*", "holder", "holder*")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "books"
        subprocess.run([sys.executable, "-m", "pgdocs", "samples", "bankbooks", "-o", str(out), "--count",
                        str(count), "--seed", str(seed)], check=True, capture_output=True, timeout=1800)
        for truth_path in sorted(out.glob("*.truth.json")):
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            lines, *_ = read_bankbook_text(out / truth["file"], timeout=120)
            text = "\n".join(line.text for line in lines)
            number = truth["number"]
            other = number[:-1] + str((int(number[-1]) + 3) % 10)
            rows["account"][m.match_account(number, text).status] += 1
            rows["account*"][m.match_account(other, text).status] += 1
            rows["holder"][m.match_holder(truth["holder"], text).status] += 1
            rows["holder*"][m.match_holder("도현석", text).status] += 1
    statuses = ("match", "unverifiable", "unreadable", "mismatch")
    print(f"\n{count} generated bank books (seed {seed}); * = tampered; match/unverifiable/unreadable/mismatch")
    for name, counter in rows.items():
        print(f"{name:<18}{'/'.join(str(counter[s]) for s in statuses):>20}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="timing repetitions over the genuine set")
    ap.add_argument("--certificates", type=int, default=0, help="also check N generated certificates")
    ap.add_argument("--bankbooks", type=int, default=0, help="also check N generated bank books")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    genuine, tampered = _pairs()
    exact = sum(d == r for d, r, _ in genuine)
    print(f"genuine pairs: {len(genuine)} ({len(genuine) - exact} misreads), tampered pairs: {len(tampered)}\n")
    head = f"{'method':<24}{'genuine acc/rev/rej':>22}{'tampered ACC/rev/rej':>23}{'µs/call':>10}{'× exact':>9}"
    print(head)
    print("-" * len(head))
    base_us = 0.0
    for label, fn in METHODS.items():
        g = Counter(fn(*p) for p in genuine)
        t = Counter(fn(*p) for p in tampered)
        start = time.perf_counter()
        for _ in range(max(1, args.repeat // 20)):
            for p in genuine:
                fn(*p)
        us = (time.perf_counter() - start) * 1e6 / (max(1, args.repeat // 20) * len(genuine))
        base_us = base_us or us
        gs = f"{g['accept']}/{g['review']}/{g['reject']}"
        ts = f"{t['accept']}/{t['review']}/{t['reject']}"
        print(f"{label:<24}{gs:>22}{ts:>23}{us:>10.1f}{us / base_us:>8.1f}×")
    if args.certificates:
        certificates(args.certificates, args.seed)
    if args.bankbooks:
        bankbooks(args.bankbooks, args.seed)


if __name__ == "__main__":
    main()
