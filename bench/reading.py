"""Benchmark: document kind on every page we can generate, and PDF text-layer time per page.

    .venv/bin/python bench/reading.py [--count 40] [--bankbooks 8] [--seed 11] [--jobs 2]

Kind: each page is read once through the certificate slot (``extract``: what ``verify`` does) and, for bank
books and certificates, once through the bank-book slot; the table gives per set and variant how many pages were
named each kind and how many were *refused* in each slot (``DOC_WRONG_KIND``). Sets:

* ``cert``: ``pgdocs samples certificates`` (every kind × variant), genuine: must never be refused;
* ``bankbook``: ``pgdocs samples bankbooks`` (every variant): must be refused in the certificate slot;
* ``drawn``: the pages the reading tests draw themselves (tests/reading_pages.py: a passbook of another layout,
  a blank scan, an unrelated letter as PDF and as a scan, a 사업자등록증명, a 2025+ 법인 certificate).

Text layer: milliseconds per page for the generated text PDFs, the one-glyph-per-run PDF, the letter PDF and four
홈택스 PDFs of the ``hometax`` family, read by ``pgdocs.ocr.textlayer`` (PDFium) and by the whole ``extract`` (the
PDF probe, the text layer, the fields) — the best of 5 runs; ``--old PATH`` also times another textlayer.py (the
pdfminer.six one before 2026-12-07: ``git show 8d931a8:src/pgdocs/ocr/textlayer.py > /tmp/old.py``; the pypdf
visitor before that: ``a712d2b``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def _kinds(path: str, bankbook_slot: bool) -> tuple[str | None, str | None, float]:
    from pgdocs.ocr.bankbook import read_bankbook_text
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.kind import detect_kind

    t0 = time.perf_counter()
    ex = extract(path)
    cert = ex.kind.kind if ex.kind is not None else None
    bank = None
    if bankbook_slot:
        lines, _q, _img, prep = read_bankbook_text(Path(path), timeout=60)
        bank = None if prep is not None and prep.too_poor else detect_kind(lines).kind
    return cert, bank, time.perf_counter() - t0


def _generate(out: Path, count: int, bankbooks: int, seed: int) -> list[tuple[str, str, Path]]:
    import reading_pages as pages
    from pgdocs.samples.bankbook import VARIANTS as BB_VARIANTS
    from pgdocs.samples.bankbook import generate_bankbooks
    from pgdocs.samples.certificates import generate_certificates

    cases: list[tuple[str, str, Path]] = []
    for tp in generate_certificates(out / "cert", count, seed):
        t = json.loads(tp.read_text(encoding="utf-8"))
        cases.append(("cert", t["variant"], tp.parent / t["file"]))
    for tp in generate_bankbooks(out / "bank", bankbooks, seed, list(BB_VARIANTS)):
        t = json.loads(tp.read_text(encoding="utf-8"))
        cases.append(("bankbook", t.get("variant", "?"), tp.parent / t["file"]))
    rec = json.loads((Path(__file__).resolve().parent.parent / "samples" / "kcp-corporation" / "record.json")
                     .read_text(encoding="utf-8"))["business"]
    ind = json.loads((Path(__file__).resolve().parent.parent / "samples" / "nicepay-individual-within-1y" /
                      "record.json").read_text(encoding="utf-8"))["business"]
    d = out / "drawn"
    d.mkdir(parents=True, exist_ok=True)
    cases += [
        ("drawn", "passbook", pages.bankbook_page(d / "passbook.png")),
        ("drawn", "blank", pages.blank_page(d / "blank.png")),
        ("drawn", "letter-pdf", pages.letter_pdf(d / "letter.pdf")),
        ("drawn", "letter-scan", pages.letter_image(d / "letter.png")),
        ("drawn", "proof", pages.proof_page(d / "proof.png", ind)),
        ("drawn", "cert-2025", pages.certificate_b_page(d / "certb.png", rec)),
        ("drawn", "glyph-run-pdf", pages.glyph_run_pdf(d / "run.pdf", ind)),
    ]
    cases += [("hometax", "textpdf", _hometax(d, seed, i)) for i in range(4)]
    return cases


def _hometax(out: Path, seed: int, i: int) -> Path:
    """A 홈택스 text PDF of the ``hometax`` family (one glyph per text run, emblem and patterns as images)."""
    from pgdocs.samples.certificates import render_certificate
    from pgdocs.samples.fakedata import KINDS, seeded
    from pgdocs.samples.families import pick_font, prepare

    rng = seeded(f"bench-reading:{seed}:hometax:{i}")
    bd = prepare("hometax", rng, KINDS[i % len(KINDS)])
    path, _info = render_certificate(bd, "textpdf", pick_font("hometax", rng, "textpdf"), out / f"hometax-{i + 1}",
                                     rng=rng, family="hometax")
    return path


def _time_layer(fn: Any, data: bytes) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        fn(data)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--bankbooks", type=int, default=8)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--old", type=Path, default=None, help="another textlayer.py to time on the same PDFs")
    args = ap.parse_args()
    from pgdocs.ocr.kind import SLOT_REFUSES

    with tempfile.TemporaryDirectory(prefix="pgdocs-bench-reading-") as tmp:
        cases = _generate(Path(tmp), args.count, args.bankbooks, args.seed)
        with ProcessPoolExecutor(args.jobs) as pool:
            futs = [pool.submit(_kinds, str(p), s in ("cert", "bankbook")) for s, _v, p in cases]
            results = [f.result() for f in futs]
        rows: dict[tuple[str, str], list[tuple[str | None, str | None, float]]] = defaultdict(list)
        for (s, v, _p), r in zip(cases, results, strict=True):
            rows[(s, v)].append(r)
        print("| set | variant | n | named (certificate slot) | refused as 사업자등록증 | refused as 통장 | median s |")
        print("|---|---|---|---|---|---|---|")
        for (s, v), rs in sorted(rows.items()):
            named = Counter(str(r[0]) for r in rs)
            ref_c = sum(1 for r in rs if r[0] in SLOT_REFUSES["business_registration"])
            ref_b = sum(1 for r in rs if r[1] in SLOT_REFUSES["bankbook"]) if s != "drawn" else "-"
            secs = sorted(r[2] for r in rs)[len(rs) // 2]
            print(f"| {s} | {v} | {len(rs)} | {', '.join(f'{k} {n}' for k, n in named.most_common())} | "
                  f"{ref_c} | {ref_b} | {secs:.2f} |")

        from pgdocs.ocr import textlayer

        old = None
        if args.old is not None:
            spec = importlib.util.spec_from_file_location("old_textlayer", args.old)
            assert spec is not None and spec.loader is not None
            old = importlib.util.module_from_spec(spec)
            sys.modules["old_textlayer"] = old  # dataclasses look their module up
            spec.loader.exec_module(old)
        pdfs = [p for s, v, p in cases if p.suffix == ".pdf" and v in ("textpdf", "glyph-run-pdf", "letter-pdf")]
        print()
        print("| PDF | text layer ms/page | " + ("old ms/page | " if old else "") + "whole extract ms |")
        print("|---|---|" + ("---|" if old else "") + "---|")
        from pgdocs.ocr.extract import extract

        for p in pdfs:
            data = p.read_bytes()
            new_ms = _time_layer(textlayer.pdf_words, data)
            old_ms = f" {_time_layer(old.pdf_words, data):.1f} |" if old else ""
            whole = _time_layer(lambda _d, p=p: extract(p), data)
            print(f"| {p.name} | {new_ms:.1f} |{old_ms} {whole:.1f} |")


if __name__ == "__main__":
    main()
