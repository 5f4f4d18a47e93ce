"""Benchmark: certificate reading and verification on generated fictional certificates.

    .venv/bin/python bench/ocr.py [--count 64] [--seed 4] [--dir DIR] [--jobs 1]

For each case (``pgdocs samples certificates``: every kind × variant) it runs the full
pipeline once (``extract``) and compares the result with the genuine record and with every
tampered record (each differs from the page in one field), then runs ONE raw
``tesseract IMAGE - -l kor`` on the same image as the time baseline (for a PDF: on its page
rendered by pdftoppm at 300 dpi, which our pipeline also has to do).

Prints per variant: field accuracy (fields read that match the truth), genuine
pass/review/fail, tampered detected (fail) / review / passed, median time of ours vs raw
tesseract and the ratio; then the targets (docs/benchmarks.md#ocr-targets) with ✔/✘. With ``--jobs 2`` cases run
in parallel (faster, but the times then include the contention; the ratio stays comparable).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pgdocs.errors import PgdocsError
from pgdocs.ocr import match
from pgdocs.ocr.extract import extract
from pgdocs.ocr.spec import FIELDS
from pgdocs.ocr.verify import compare_certificate
from pgdocs.record import record_from_dict

COMPARE: dict[str, Callable[[Any, Any], match.MatchScore]] = {
    **{name: spec.matcher for name, spec in FIELDS.items() if spec.matcher is not None},
    "tax_office": lambda t, f: match.match_name(t, f, kind="company"),  # field accuracy only; never compared
}


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _raw_tesseract(path: Path) -> tuple[float, float]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as tmp:
        img = path
        if path.suffix.lower() == ".pdf":
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "300", "-png", "-singlefile", str(path),
                            f"{tmp}/page"], check=True, timeout=120)
            img = Path(f"{tmp}/page.png")
        c0 = _cpu(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(["tesseract", str(img), "-", "-l", "kor"], capture_output=True, check=True, timeout=300,
                       env=env)
        return time.perf_counter() - t0, _cpu(resource.RUSAGE_CHILDREN) - c0


def run_case(truth_path: str) -> dict[str, Any]:
    try:
        return _run_case(truth_path)
    except PgdocsError as err:  # an unreadable case counts as review for every record
        truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
        print(f"{truth['file']}: {err.code} {err.message}", file=sys.stderr)
        return {"file": truth["file"], "variant": truth["variant"], "kind": truth["kind"], "source": "error",
                "ours": 0.0, "raw": None, "ours_cpu": 0.0, "raw_cpu": None, "fields_ok": 0, "fields_n": 1,
                "wrong": [err.code], "genuine": "review",
                "genuine_reasons": [err.message],
                "tampered": [{"field": t["tampered_field"], "verdict": "review", "caught_on": []}
                             for t in truth.get("tampered", [])]}


def _run_case(truth_path: str) -> dict[str, Any]:
    tp = Path(truth_path)
    truth = json.loads(tp.read_text(encoding="utf-8"))
    doc = tp.parent / truth["file"]
    c0 = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    ex = extract(doc)
    genuine = compare_certificate(ex, record_from_dict({"business": truth["record"]}).business)
    ours = time.perf_counter() - t0
    ours_cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - c0
    tampered = []
    for t in truth.get("tampered", []):
        r = compare_certificate(ex, record_from_dict({"business": t["record"]}).business)
        tampered.append({"field": t["tampered_field"], "verdict": r.verdict,
                         "caught_on": [k for k, v in r.fields.items() if v.status == "mismatch"]})
    fields_ok = fields_n = 0
    wrong: list[str] = []
    for name, want in truth["fields"].items():
        if want is None or name not in COMPARE:
            continue
        fields_n += 1
        got = ex.fields.get(name)
        if got is not None and COMPARE[name](want, got.value).status == "match":
            fields_ok += 1
        else:
            wrong.append(name)
    raw, raw_cpu = (None, None) if ex.source == "text_layer" else _raw_tesseract(doc)
    return {
        "file": doc.name, "variant": truth["variant"], "kind": truth["kind"], "source": ex.source,
        "ours": ours, "raw": raw, "ours_cpu": ours_cpu, "raw_cpu": raw_cpu,
        "fields_ok": fields_ok, "fields_n": fields_n, "wrong": wrong,
        "genuine": genuine.verdict, "genuine_reasons": genuine.reasons, "tampered": tampered,
    }


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "—"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--dir", type=Path, default=None, help="reuse/keep generated cases here")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--verbose", action="store_true", help="print every case that is not a clean pass")
    args = ap.parse_args()

    from pgdocs.samples.certificates import generate_certificates

    tmp = None
    if args.dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="pgdocs-bench-ocr-")
        out = Path(tmp.name)
    else:
        out = args.dir
    truths = sorted(out.glob("*.truth.json")) if out.exists() else []
    if len(truths) < args.count:
        t0 = time.perf_counter()
        truths = generate_certificates(out, args.count, args.seed)
        print(f"generated {len(truths)} cases in {time.perf_counter() - t0:.1f}s → {out}", file=sys.stderr)
    truths = truths[: args.count]

    t0 = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(run_case, map(str, truths)))
    else:
        results = [run_case(str(t)) for t in truths]
    wall = time.perf_counter() - t0

    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by[r["variant"]].append(r)
    hdr = (f"{'variant':<9}{'n':>3}  {'fields':>6}  {'genuine P/R/F':>14}  {'tampered D/R/P':>15}  "
           f"{'ours s':>7}{'raw s':>7}{'ratio':>7}{'cpu ratio':>10}")
    print(hdr)
    print("-" * len(hdr))
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    for variant in sorted(by):
        rs = by[variant]
        fo = sum(r["fields_ok"] for r in rs)
        fn = sum(r["fields_n"] for r in rs)
        g = [r["genuine"] for r in rs]
        t = [x["verdict"] for r in rs for x in r["tampered"]]
        ours = statistics.median(r["ours"] for r in rs)
        raws = [r["raw"] for r in rs if r["raw"] is not None]
        raw = statistics.median(raws) if raws else None
        ratio = f"{ours / raw:.2f}" if raw else "—"
        ratios += [r["ours"] / r["raw"] for r in rs if r["raw"]]
        cr = [r["ours_cpu"] / r["raw_cpu"] for r in rs if r["raw_cpu"]]
        cpu_ratios += cr
        cpu_ratio = f"{statistics.median(cr):.2f}" if cr else "—"
        print(f"{variant:<9}{len(rs):>3}  {_pct(fo, fn):>6}  "
              f"{g.count('pass'):>4}/{g.count('review')}/{g.count('fail'):<5}  "
              f"{t.count('fail'):>5}/{t.count('review')}/{t.count('pass'):<5}  "
              f"{ours:>7.2f}{(raw or 0):>7.2f}{ratio:>7}{cpu_ratio:>10}")
    allg = [r["genuine"] for r in results]
    allt = [x["verdict"] for r in results for x in r["tampered"]]
    print("-" * len(hdr))
    acc = _pct(sum(r["fields_ok"] for r in results), sum(r["fields_n"] for r in results))
    print(f"{'all':<9}{len(results):>3}  {acc:>6}  "
          f"{allg.count('pass'):>4}/{allg.count('review')}/{allg.count('fail'):<5}  "
          f"{allt.count('fail'):>5}/{allt.count('review')}/{allt.count('pass'):<5}  "
          f"median ratio {statistics.median(ratios) if ratios else 0:.2f} (cpu "
          f"{statistics.median(cpu_ratios) if cpu_ratios else 0:.2f})   wall {wall:.0f}s, jobs {args.jobs}")

    def rate(variants: tuple[str, ...]) -> tuple[int, int]:
        rs = [r for r in results if r["variant"] in variants]
        return sum(r["genuine"] == "pass" for r in rs), len(rs)

    text_t = [r["ours"] for r in results if r["source"] == "text_layer"]
    a, b = rate(("clean", "scan", "scanpdf", "textpdf"))
    c, d = rate(("photo", "lowres", "fax"))
    med = statistics.median(ratios) if ratios else 0.0
    med_cpu = statistics.median(cpu_ratios) if cpu_ratios else 0.0
    checks = [
        ("zero tampered records passed", allt.count("pass") == 0, f"{allt.count('pass')} passed"),
        ("zero genuine certificates failed", allg.count("fail") == 0, f"{allg.count('fail')} failed"),
        ("≥95% clean/scan/PDF pass", b > 0 and a / b >= 0.95, f"{a}/{b}"),
        ("≥80% photo/lowres/fax pass", d > 0 and c / d >= 0.8, f"{c}/{d}"),
        ("median time ≤ 1.3× raw tesseract", med <= 1.3, f"wall {med:.2f}×, cpu {med_cpu:.2f}×"),
        ("text-layer PDF < 0.1 s in-process", bool(text_t) and statistics.median(text_t) < 0.1,
         f"median {statistics.median(text_t) * 1000:.0f} ms" if text_t else "no text PDFs"),
    ]
    print()
    for name, ok, detail in checks:
        print(f"  {'✔' if ok else '✘'} {name}: {detail}")
    if args.verbose:
        print()
        for r in results:
            missed = [x for x in r["tampered"] if x["verdict"] != "fail"]
            if r["genuine"] != "pass" or missed or r["wrong"]:
                print(f"{r['file']}: genuine={r['genuine']} wrong={r['wrong']} "
                      f"tampered-not-caught={[(x['field'], x['verdict']) for x in missed]}")
                for reason in r["genuine_reasons"]:
                    print(f"     {reason}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
