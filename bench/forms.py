"""Benchmark: 20 NicePay forms to PDF — one batched soffice run (target ≤ 0.5 s/form amortised)
against one soffice run per file — and ``--by-labels`` on the form corpus (tests/form_corpus.py):
fill time, batched PDF, and the fill rate on the tuning and held-out sets.

    .venv/bin/python bench/forms.py [--forms 20] [--skip-baseline] [--skip-nicepay]

Each form is rendered from a different fictional merchant (docxtpl), then converted
both ways with the same warm per-process LibreOffice profile, so the difference is
start-up cost only. Prints a table; on a shared 2-core machine the ratio matters
more than the seconds.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from pgdocs import office
from pgdocs.forms.nicepay import fill_nicepay_id_add
from pgdocs.record import record_from_dict

BASE: dict[str, Any] = {
    "pg": "nicepay",
    "site_url": "https://bench-shop.imweb.me",
    "business": {"entity": "개인", "business_number": "123-45-67891", "business_name": "벤치상점",
                 "representative": "홍길동", "birth_date": "1980-01-02", "address": "서울특별시 가상구 가상로 1",
                 "postal_code": "01234", "phone": "02-123-4567"},
    "manager": {"name": "김담당", "phone": "010-1234-5678", "email": "bench@example.com"},
    "settlement_account": {"bank": "가상은행", "number": "123-456-789012", "holder": "홍길동"},
    "pg_account": {"existing_mid": "benchsh01m", "payment_methods": ["card"], "payment_types": ["general"]},
}
NAMES = ["하늘공방", "(주)바다상사", "별빛상회", "초록농장", "A&B 스토어", "모아스토어", "달빛베이커리"]
METHODS = [["card"], ["card", "transfer"], ["card", "vbank"], ["card", "transfer", "vbank", "phone"]]


def make_records(n: int) -> list[Any]:
    out = []
    for i in range(n):
        d = copy.deepcopy(BASE)
        d["business"]["business_name"] = f"{NAMES[i % len(NAMES)]} {i + 1}호점"
        d["business"]["address"] = f"서울특별시 가상구 가상로 {100 + i}, {i % 9 + 1}층"
        d["pg_account"]["payment_methods"] = METHODS[i % len(METHODS)]
        out.append(record_from_dict(d))
    return out


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (soffice)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class Clock:
    def __enter__(self) -> Clock:
        self.t, self.c = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.t, _cpu() - self.c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=20)
    ap.add_argument("--skip-baseline", action="store_true", help="skip one-soffice-per-file (slow)")
    ap.add_argument("--skip-nicepay", action="store_true", help="only the --by-labels corpus")
    args = ap.parse_args(argv)
    code = 0 if args.skip_nicepay else _nicepay(args)
    return code or _by_labels()


def _nicepay(args: argparse.Namespace) -> int:
    n = args.forms
    today = dt.date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with Clock() as render:
            docs = [fill_nicepay_id_add(r, root / "docx" / f"form{i:02d}.docx", today=today).docx
                    for i, r in enumerate(make_records(n))]
        with Clock() as warm:
            office.to_pdf([docs[0]], root / "warm")  # warm the per-process profile (first run is slower)
        single = None
        if not args.skip_baseline:
            with Clock() as single:
                for d in docs:
                    office.to_pdf([d], root / "single")
        with Clock() as batch:
            pdfs = office.to_pdf(docs, root / "batch")
        pages = sum(len(PdfReader(str(p)).pages) for p in pdfs)
        if pages != n:
            print(f"error: expected {n} one-page PDFs, got {pages} pages", file=sys.stderr)
            return 1

    print(f"pgdocs forms benchmark — {n} NicePay forms, {office.find_soffice()}, load avg {_load()}")
    print(f"{'stage':<44}{'wall s':>9}{'wall/form':>11}{'cpu s':>9}{'cpu/form':>10}")
    print("-" * 83)

    def row(name: str, c: Clock, per: int) -> None:
        print(f"{name:<44}{c.wall:>9.2f}{c.wall / per:>11.3f}{c.cpu:>9.2f}{c.cpu / per:>10.3f}")

    row("render .docx (docxtpl, autoescape)", render, n)
    row("first soffice run (fresh profile, 1 file)", warm, 1)
    if single is not None:
        row("PDF: one soffice run per file (baseline)", single, n)
    row("PDF: one batched soffice run", batch, n)
    print("-" * 83)
    print(f"{'amortised render + batched PDF, per form':<44}{'':>9}{(render.wall + batch.wall) / n:>11.3f}"
          f"{'':>9}{(render.cpu + batch.cpu) / n:>10.3f}   target ≤ 0.5 s")
    if single is not None:
        print(f"{'batched vs per-file speed-up (wall / cpu)':<44}{'':>9}{single.wall / batch.wall:>10.1f}x"
              f"{'':>9}{single.cpu / batch.cpu:>9.1f}x")
    return 0


def _by_labels() -> int:
    """Fill every corpus form by its labels, one batched PDF run; fill rate per set."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from form_corpus import HELD_OUT, TUNING, Score, record_for, score
    from pgdocs.forms.bylabels import fill_by_labels

    today = dt.date(2026, 11, 27)
    sets = {"tuning": [b() for b in TUNING], "held-out": [b() for b in HELD_OUT]}
    scores: dict[str, Score] = {}
    outs: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        n = 0
        with Clock() as fill:
            for name, forms in sets.items():
                scores[name] = Score()
                for f in forms:
                    n += 1
                    src = root / f"in{n:02d}.docx"
                    f.doc.save(str(src))
                    res = fill_by_labels(record_for(f), src, root / f"out{n:02d}.docx", today=today)
                    scores[name].add(score(f, res.docx))
                    outs.append(res.docx)
        with Clock() as batch:
            pdfs = office.to_pdf(outs, root / "pdf")
        pages = sum(len(PdfReader(str(p)).pages) for p in pdfs)
    print(f"\n--by-labels corpus — {n} forms, {pages} PDF pages, load avg {_load()}")
    print(f"{'stage':<44}{'wall s':>9}{'wall/form':>11}{'cpu s':>9}{'cpu/form':>10}")
    print("-" * 83)
    for label, c in (("fill by labels (read, fill, save .docx)", fill), ("PDF: one batched soffice run", batch)):
        print(f"{label:<44}{c.wall:>9.2f}{c.wall / n:>11.3f}{c.cpu:>9.2f}{c.cpu / n:>10.3f}")
    print(f"{'amortised fill + batched PDF, per form':<44}{'':>9}{(fill.wall + batch.wall) / n:>11.3f}"
          f"{'':>9}{(fill.cpu + batch.cpu) / n:>10.3f}   target ≤ 0.5 s")
    print(f"\n{'set':<10}{'forms':>6}{'cells to fill':>15}{'filled':>8}{'rate':>8}{'wrong':>7}{'touched':>9}")
    for name, sc in scores.items():
        print(f"{name:<10}{len(sets[name]):>6}{sc.supply:>15}{sc.filled:>8}{sc.rate:>8.1%}{len(sc.wrong):>7}"
              f"{len(sc.touched):>9}")
    for name, sc in scores.items():
        for miss in sc.missed:
            print(f"  missed ({name}): {miss}")
    return 1 if any(sc.wrong or sc.touched for sc in scores.values()) else 0


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
