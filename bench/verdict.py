"""Benchmark: the verdict policy on near-miss records (issue 11: the changes a one-field tamper bench misses).

    .venv/bin/python bench/verdict.py [--dir DIR] [--count 48] [--seed 4]

Each generated certificate (``pgdocs samples certificates``; ``--dir`` reuses the cases of ``bench/ocr.py``) is
read ONCE; then the genuine record and records that differ from the page by the smallest changes are compared:

* ``name-lookalike`` / ``rep-lookalike`` — one syllable of the 상호 / 대표자 replaced by a typical OCR confusion
  of it (김민수 → 김인수), ``name-other`` / ``rep-other`` — by an unrelated syllable (김민수 → 김영수);
* ``crn-lookalike`` — one 법인등록번호 digit swapped 3↔8 or 2↔7 in a weight-2 position (the check digit still holds);
* ``brn-lookalike`` — one 사업자등록번호 digit swapped for a look-alike (3↔8, 1↔7, 0↔8, 5↔6, 2↔7 …);
* ``building-lookalike`` — one digit of the building number swapped for a look-alike (96-13 → 96-18);
* ``date-lookalike`` — one digit of the 개업연월일 swapped for a look-alike, still a valid date.

Prints genuine pass/review/fail and, per change, fail/review/pass. The targets: no changed record passes, no
genuine certificate fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from pgdocs.errors import PgdocsError
from pgdocs.hangul import confusion_level
from pgdocs.ids import brn, crn
from pgdocs.names import name_key
from pgdocs.ocr.charset import KOR_SYLLABLES
from pgdocs.ocr.extract import extract
from pgdocs.ocr.match import LOOKALIKE_DIGITS
from pgdocs.ocr.verify import compare_certificate
from pgdocs.record import record_from_dict

_SYLLABLES = sorted(KOR_SYLLABLES)


def _swap_syllable(rng: random.Random, name: str, *, lookalike: bool) -> str | None:
    """``name`` with one Hangul syllable of its name part (legal form kept) replaced."""
    core = name_key(name)
    spots = [i for i, ch in enumerate(name) if "가" <= ch <= "힣" and ch in core]
    rng.shuffle(spots)
    for i in spots:
        ch = name[i]
        if lookalike:
            cands = [s for s in _SYLLABLES if s != ch and confusion_level(ch, s) > 0]
        else:
            cands = [s for s in _SYLLABLES if s != ch and confusion_level(ch, s) == 0]
        if cands:
            return str(name[:i] + rng.choice(cands) + name[i + 1:])
    return None


def _partner(d: str) -> list[str]:
    return sorted(next(iter(p - {d})) for p in LOOKALIKE_DIGITS if d in p)


def _swap_digit(rng: random.Random, text: str, positions: list[int], keep: Any = None) -> str | None:
    """``text`` with the digit at one of ``positions`` swapped for a look-alike (``keep(new)`` must hold)."""
    rng.shuffle(positions)
    for i in positions:
        for other in _partner(text[i]):
            new = text[:i] + other + text[i + 1:]
            if keep is None or keep(new):
                return new
    return None


def near_misses(rng: random.Random, rec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}

    def add(kind: str, field: str, value: str | None) -> None:
        if value is not None and value != rec.get(field):
            out[kind] = {**rec, field: value}

    add("name-lookalike", "business_name", _swap_syllable(rng, rec["business_name"], lookalike=True))
    add("name-other", "business_name", _swap_syllable(rng, rec["business_name"], lookalike=False))
    add("rep-lookalike", "representative", _swap_syllable(rng, rec["representative"], lookalike=True))
    add("rep-other", "representative", _swap_syllable(rng, rec["representative"], lookalike=False))
    if rec.get("corporate_number"):
        c = rec["corporate_number"]
        weight2 = [i for i, ch in enumerate(c) if ch in "2378" and sum(x.isdigit() for x in c[:i]) % 2 == 1
                   and sum(x.isdigit() for x in c[:i]) < 12]
        add("crn-lookalike", "corporate_number",
            _swap_digit(rng, c, weight2, keep=crn.is_valid))
    b = rec["business_number"]
    add("brn-lookalike", "business_number",
        _swap_digit(rng, b, [i for i, ch in enumerate(b) if ch.isdigit() and _partner(ch)], keep=brn.is_valid)
        or _swap_digit(rng, b, [i for i, ch in enumerate(b) if ch.isdigit() and _partner(ch)]))
    addr = rec.get("address") or ""
    m = re.search(r"(?<=[로길] )\d+(?:-\d+)?", addr)
    if m is not None:
        span = list(range(m.start(), m.end()))
        add("building-lookalike", "address",
            _swap_digit(rng, addr, [i for i in span if addr[i].isdigit() and _partner(addr[i])]))
    opened = str(rec.get("opening_date") or "")

    def valid_date(s: str) -> bool:
        try:
            return dt.date.fromisoformat(s) < dt.date.today()
        except ValueError:
            return False

    add("date-lookalike", "opening_date",
        _swap_digit(rng, opened, [i for i, ch in enumerate(opened) if ch.isdigit()], keep=valid_date))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, required=True, help="cases of bench/ocr.py (made here when missing)")
    ap.add_argument("--count", type=int, default=48)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    truths = sorted(args.dir.glob("*.truth.json")) if args.dir.exists() else []
    if len(truths) < args.count:
        from pgdocs.samples.certificates import generate_certificates

        truths = generate_certificates(args.dir, args.count, args.seed)
    truths = truths[: args.count]
    rng = random.Random(args.seed)
    genuine: dict[str, list[str]] = defaultdict(list)
    changed: dict[str, list[str]] = defaultdict(list)
    for tp in truths:
        truth = json.loads(tp.read_text(encoding="utf-8"))
        try:
            ex = extract(tp.parent / truth["file"])
        except PgdocsError as err:
            print(f"{truth['file']}: {err.code}", file=sys.stderr)
            continue
        rec = truth["record"]
        g = compare_certificate(ex, record_from_dict({"business": rec}).business)
        genuine[truth["variant"]].append(g.verdict)
        for kind, other in near_misses(rng, rec).items():
            r = compare_certificate(ex, record_from_dict({"business": other}).business)
            changed[kind].append(r.verdict)
            if args.verbose and r.verdict == "pass":
                print(f"PASSED {truth['file']} {kind}: {other}", file=sys.stderr)
    print(f"{'genuine':<20}{'n':>4}  pass/review/fail")
    for variant in sorted(genuine):
        v = genuine[variant]
        print(f"  {variant:<18}{len(v):>4}  {v.count('pass')}/{v.count('review')}/{v.count('fail')}")
    print(f"{'changed record':<20}{'n':>4}  fail/review/pass")
    for kind in sorted(changed):
        v = changed[kind]
        print(f"  {kind:<18}{len(v):>4}  {v.count('fail')}/{v.count('review')}/{v.count('pass')}")
    g_all = [x for v in genuine.values() for x in v]
    c_all = [x for v in changed.values() for x in v]
    ok = c_all.count("pass") == 0 and g_all.count("fail") == 0
    print(f"{'✔' if c_all.count('pass') == 0 else '✘'} changed records passed: {c_all.count('pass')} of {len(c_all)}")
    print(f"{'✔' if g_all.count('fail') == 0 else '✘'} genuine failed: {g_all.count('fail')} of {len(g_all)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
