"""Benchmark: validators and ``validate_record`` against their baselines, in the same run.

    .venv/bin/python bench/validate.py [--records 1000] [--cli-runs 5]

Rows:
- each pgdocs validator against the library call it wraps (python-stdnum ``kr.brn`` without a
  check digit, raw phonenumbers, raw email-validator): the price of normalisation, the check
  digit and Korean errors;
- ``validate_record`` on N varied fictional records in one process against one
  ``pgdocs validate`` process per record (what a shell loop would do) — why batch jobs should call
  the library.

Prints a table; on a shared 2-core machine the ratios matter more than the microseconds.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers
from email_validator import validate_email
from stdnum.kr import brn as stdnum_brn

from pgdocs.ids import brn, email, phone
from pgdocs.record import record_from_dict
from pgdocs.validate import validate_record

BASE: dict[str, Any] = {
    "pg": "nicepay",
    "site_url": "https://bench-shop.imweb.me",
    "business": {"entity": "individual", "business_number": "123-45-67891", "business_name": "벤치상점",
                 "representative": "김가상", "birth_date": "1980-01-02", "opening_date": "2020-01-02",
                 "address": "서울특별시 가상구 가상로 1", "postal_code": "04100", "phone": "02-555-0123"},
    "representative_contact": {"phone": "010-5555-0123", "email": "owner@bench.example.com"},
    "manager": {"name": "이담당", "phone": "010-5555-0456", "email": "manager@bench.example.com"},
    "settlement_account": {"bank": "KB국민은행", "number": "123456-01-234567", "holder": "김가상"},
    "pg_account": {"existing_mid": "benchsh01m", "contract_date": "2025-01-02"},
}
BANKS = ["KB국민은행", "신한", "우리은행", "하나", "NH농협은행", "카카오뱅크", "토스뱅크", "IBK기업은행", "가상은행"]
PHONES = ["02-555-0123", "031-555-0123", "070-5555-0123", "1588-5555", "010-5555-0789"]


def make_records(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        d = copy.deepcopy(BASE)
        first9 = f"{rnd.randint(101, 999)}{rnd.randint(1, 99):02d}{rnd.randint(1, 9999):04d}"
        check = brn.calc_check_digit(first9) if i % 10 else str((int(brn.calc_check_digit(first9)) + 1) % 10)
        d["business"]["business_number"] = first9 + check
        d["business"]["phone"] = PHONES[i % len(PHONES)]
        d["manager"]["phone"] = f"010-{rnd.randint(2000, 9999)}-{rnd.randint(0, 9999):04d}"
        d["settlement_account"]["bank"] = BANKS[i % len(BANKS)]
        d["settlement_account"]["number"] = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(10, 14)))
        out.append(d)
    return out


def timeit(fn: Callable[[], object], repeat: int = 3, *, cold: bool = True) -> float:
    """Best of ``repeat`` runs; ``cold`` clears pgdocs' phone cache first so no run reuses another's parses."""
    best = float("inf")
    for _ in range(repeat):
        if cold:
            phone.analyse.cache_clear()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--cli-runs", type=int, default=5)
    args = ap.parse_args()

    dicts = make_records(args.records)
    numbers = [d["business"]["business_number"] for d in dicts]
    phones = [d["manager"]["phone"] for d in dicts]
    emails = [f"user{i}@bench{i % 7}.example.com" for i in range(len(dicts))]

    def raw_phone(n: str) -> object:
        p = phonenumbers.parse(n, "KR")
        return phonenumbers.is_valid_number(p) and phonenumbers.number_type(p)

    rows: list[tuple[str, int, float, str, float]] = []
    n = len(dicts)
    rows.append(("brn.is_valid (check digit)", n, timeit(lambda: [brn.is_valid(x) for x in numbers]),
                 "stdnum.kr.brn.is_valid", timeit(lambda: [stdnum_brn.is_valid(x) for x in numbers])))
    rows.append(("phone.number_type", n, timeit(lambda: [phone.number_type(x) for x in phones]),
                 "phonenumbers parse+type", timeit(lambda: [raw_phone(x) for x in phones])))
    rows.append(("phone.number_type, each number ×2", n,
                 timeit(lambda: [phone.number_type(x) for x in phones * 2], cold=True) / 2,
                 "phonenumbers parse+type", timeit(lambda: [raw_phone(x) for x in phones])))
    rows.append(("email.validate", n, timeit(lambda: [email.validate(x) for x in emails]),
                 "email_validator (offline)",
                 timeit(lambda: [validate_email(x, check_deliverability=False) for x in emails])))

    records = [record_from_dict(d) for d in dicts]
    t_lib = timeit(lambda: [validate_record(r) for r in records])
    errors = sum(1 for r in records for f in validate_record(r) if str(f.severity) == "error")

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, d in enumerate(dicts[: args.cli_runs]):
            p = Path(tmp) / f"r{i}.json"
            p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            paths.append(p)
        t = time.perf_counter()
        for p in paths:
            subprocess.run([sys.executable, "-m", "pgdocs", "validate", str(p)], capture_output=True,
                           timeout=60, check=False)
        per_cli = (time.perf_counter() - t) / max(1, len(paths))
    rows.append(("validate_record, in process", n, t_lib, f"pgdocs validate × {args.cli_runs} (per rec.)",
                 per_cli * n))

    print(f"{'pgdocs':34} {'n':>6} {'µs/item':>10}   {'baseline':34} {'µs/item':>10} {'ratio':>7}")
    for name, count, secs, base_name, base_secs in rows:
        print(f"{name:34} {count:>6} {secs / count * 1e6:>10.1f}   {base_name:34} {base_secs / count * 1e6:>10.1f}"
              f" {secs / base_secs:>7.3g}")
    print(f"({errors} error findings over {n} records; ratio < 1 means pgdocs is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
