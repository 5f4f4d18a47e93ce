"""Benchmark: certificate verification over every layout family × variant, with a held-out cross check.

    .venv/bin/python bench/ocr.py [--count 8] [--seed 4] [--jobs 2] [--families classic,nts,nts2025,proof,hometax]
                                  [--variants clean,scan,scan200,photo,closeup,bent,fax,lowres,moire,
                                  uneven,capture,thumb]
                                  [--held-out each|FAMILY|none] [--dir DIR] [--json OUT] [--verbose]

Pages come from ``pgdocs.samples`` (:mod:`pgdocs.samples.families`): ``classic`` (the first generator), ``nts``
(NTS print before 2025), ``nts2025``, ``proof`` (사업자등록증명) and ``hometax`` (a text PDF with one glyph per text
run; its only variant is the PDF itself). Case ``i`` of a family and variant is kind ``KINDS[i % 5]``.

For every page: one ``extract`` and the genuine record's comparison (timed), ONE raw ``tesseract FILE - -l kor``
on the same file in the same run (a PDF: its page rendered by pdftoppm at 300 dpi) as the time baseline, then the
page against records that differ from it in one field — the six whole-field changes of ``truth["tampered"]`` and
the near misses of ``truth["changed"]`` (one syllable of the representative, look-alike 김인수/김민수 and other;
one syllable of the 상호; one digit of the 사업자등록번호 with its check digit recomputed; a look-alike digit of
the 법인등록번호 that keeps its check digit; a look-alike digit of the 개업일 and of the building number; the
building's wing, 별관 for 본관).

Cross check: the thresholds of ``pgdocs.ocr.match`` (NAME_MATCH, ADDRESS_MATCH, ITEMS_MATCH) are set to each point
of a small grid and every page is compared again (the extraction is reused; a field's second read is cached on
it). For a held-out family the grid point is chosen on the OTHER families (no changed record passed, no genuine
mismatch, most genuine passes) and scored on the held-out one, next to the point chosen on the held-out family
itself. Non-certificate files (a bank book, a blank page, a 17-page unrelated PDF, a letter) are verified too:
they should be refused as "not a certificate" (``DOC_WRONG_KIND``).

Times with ``--jobs 2`` include the contention of two workers on two cores; the ratio stays comparable. Our reads go
to the resident Tesseract (:mod:`pgdocs.ocr.resident`; its helpers' CPU is counted in ours); ``PGDOCS_OCR_ENGINE=cli``
times them as runs of the program, as before 2026-12-06.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pgdocs.ocr.extract import Extraction

FAMILIES = ("classic", "nts", "nts2025", "proof", "hometax")
VARIANTS = ("clean", "scan", "scan200", "photo", "closeup", "bent", "fax", "lowres", "moire", "uneven", "capture",
            "thumb")
#: the targets of issue 11: ≥ 90 % pass on the first group, ≥ 75 % on the second, in every family
GROUP_CLEAN = ("clean", "scan", "scan200", "scanpdf", "textpdf")
GROUP_HARD = ("photo", "closeup", "bent", "fax", "lowres", "moire", "uneven", "capture", "jpeg")
#: 450-px thumbnails: the policy is to say "too small" (review); reported on their own line
GROUP_THUMB = ("thumb",)
#: the threshold grid of the cross check (module, name, values); the shipped value is in each list
GRID: tuple[tuple[str, str, tuple[float, ...]], ...] = (
    ("pgdocs.ocr.match", "NAME_MATCH", (0.7, 0.8, 0.9)),
    ("pgdocs.ocr.match", "ADDRESS_MATCH", (0.8, 0.9, 0.95)),
    ("pgdocs.ocr.match", "ITEMS_MATCH", (0.5, 0.75, 0.9)),
)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _warm() -> None:
    """A worker reads one text PDF before its first page, as a running server or batch has: the first text PDF of
    each worker paid the PDF library's imports (pdfminer's CMaps: ~0.25 s, before 2026-12-07) and made the
    text-layer median of a two-page run 0.18 s where a warm process took 0.07 s. (A page made here, not one of the
    cases: its time is not counted.)"""
    from pgdocs.ocr.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        path, _ = _make_case("hometax", "textpdf", 0, 0, Path(tmp))
        extract(path)


def _our_cpu() -> float:
    """CPU seconds of this process, its ended children (``tesseract`` runs) and its resident Tesseract helpers
    (alive, so not in RUSAGE_CHILDREN yet: read from /proc)."""
    from pgdocs.ocr import resident

    return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) + sum(
        _proc_cpu(pid) for pid in resident.helper_pids())


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15)


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


def grid_points() -> list[tuple[float, ...]]:
    return list(itertools.product(*(values for _, _, values in GRID)))


def shipped_point() -> tuple[float, ...]:
    import importlib

    return tuple(float(getattr(importlib.import_module(mod), name)) for mod, name, _ in GRID)


@contextmanager
def thresholds(point: tuple[float, ...]) -> Iterator[None]:
    """Set the grid's thresholds to ``point`` for the duration (module attributes read at call time)."""
    import importlib

    saved = []
    for (mod, name, _), value in zip(GRID, point, strict=True):
        m = importlib.import_module(mod)
        saved.append((m, name, getattr(m, name)))
        setattr(m, name, value)
    try:
        yield
    finally:
        for m, name, value in saved:
            setattr(m, name, value)


@contextmanager
def memo_pure() -> Iterator[None]:
    """Outside the timed part only: cache pure helpers the many re-comparisons of one page call again and again
    (address parsing: the same strings for every grid point). Results are unchanged."""
    from pgdocs.ocr import match

    orig = getattr(match, "parse_address", None)
    if orig is None:
        yield
        return
    match.parse_address = functools.lru_cache(maxsize=4096)(orig)
    try:
        with memo_tamper():
            yield
    finally:
        match.parse_address = orig


@contextmanager
def memo_tamper() -> Iterator[None]:
    """During the re-comparisons only: remember the pasted-field check per extraction and field list (a pure
    function of the page's pixels and its fields' boxes, which a comparison does not change — and 90 % of a
    comparison's time), so comparing a page again does not redo it. Results are unchanged. Installed only when
    ``tamper.find(ex, names)`` is as known."""
    import inspect

    from pgdocs.ocr import tamper

    find = getattr(tamper, "find", None)
    if find is None or list(inspect.signature(find).parameters) != ["ex", "names"]:
        yield
        return
    keep: dict[int, object] = {}  # id(ex) -> ex: kept alive, so ids stay unique
    memo: dict[tuple[int, tuple[str, ...]], dict[str, tamper.Signal]] = {}

    def cached_find(ex: Extraction, names: list[str]) -> dict[str, tamper.Signal]:
        keep[id(ex)] = ex
        key = (id(ex), tuple(names))
        if key not in memo:
            memo[key] = find(ex, names)
        return dict(memo[key])

    tamper.find = cached_find
    try:
        yield
    finally:
        tamper.find = find


def _make_case(family: str, variant: str, seed: int, i: int, out: Path) -> tuple[Path, dict[str, Any]]:
    from pgdocs.samples.certificates import _pick_font, render_certificate, truth_for
    from pgdocs.samples.fakedata import KINDS, seeded
    from pgdocs.samples.families import pick_font, prepare

    kind = KINDS[i % len(KINDS)]
    rng = seeded(f"bench-ocr:{seed}:{family}:{variant}:{i}")
    bd = prepare(family, rng, kind)
    font = _pick_font(rng, variant) if family == "classic" else pick_font(family, rng, variant)
    name = f"{family}-{variant}-{i + 1:02d}-{kind}"
    path, info = render_certificate(bd, variant, font, out / name, rng=rng, family=family)
    truth = truth_for(bd, rng, variant=variant, font=font, family=family, printed=info.pop("printed"))
    truth.update(file=path.name, seed=seed, index=i, render=info)
    (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path, truth


def run_case(args: tuple[str, str, int, int, str | None, bool]) -> dict[str, Any]:
    family, variant, seed, i, keep, grid = args
    from pgdocs.errors import PgdocsError
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.verify import compare_certificate
    from pgdocs.record import record_from_dict

    with tempfile.TemporaryDirectory(prefix="pgdocs-bench-ocr-") as tmp:
        out = Path(keep) if keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        path, truth = _make_case(family, variant, seed, i, out)
        base = {"family": family, "variant": variant, "kind": truth["kind"], "font": truth["font"],
                "file": path.name}
        others = [(t["tampered_field"], "whole", t["record"]) for t in truth["tampered"]]
        others += [(c["changed_field"], c["change"], c["record"]) for c in truth["changed"]]
        business = record_from_dict({"business": truth["record"]}).business
        changed_b = [(f, ch, record_from_dict({"business": r}).business) for f, ch, r in others]
        c0 = _our_cpu()
        t0 = time.perf_counter()
        try:
            ex = extract(path)
        except PgdocsError as err:
            return {**base, "source": "error", "genuine": "review", "reasons": [f"{err.code}: {err.message}"],
                    "code": err.code, "changed": [{"field": f, "change": ch, "verdict": "review"}
                                                  for f, ch, _ in changed_b],
                    "ours": None, "raw": None, "ours_cpu": None, "raw_cpu": None, "grid": None}
        genuine = compare_certificate(ex, business)
        ours = time.perf_counter() - t0
        ours_cpu = _our_cpu() - c0
        raw, raw_cpu = (None, None) if ex.source == "text_layer" else _raw_tesseract(path)
        with memo_pure():
            changed = [{"field": f, "change": ch, "verdict": compare_certificate(ex, b).verdict}
                       for f, ch, b in changed_b]
        points = None
        if grid:
            points = []
            with memo_pure():
                for point in grid_points():
                    with thresholds(point):
                        g = compare_certificate(ex, business).verdict
                        passed = sum(compare_certificate(ex, b).verdict == "pass" for _, _, b in changed_b)
                    points.append((g, passed))
        return {**base, "source": ex.source, "genuine": genuine.verdict, "reasons": list(genuine.reasons),
                "beyond_model": _beyond_model(genuine),
                "code": genuine.code, "changed": changed, "ours": ours, "raw": raw, "ours_cpu": ours_cpu,
                "raw_cpu": raw_cpu, "grid": points}


def _beyond_model(res: Any) -> bool:
    """A genuine review whose every unsettled field is a name (상호, 대표자) declared with a syllable the ``kor`` model
    cannot emit: such a name is review by policy (docs/ocr.md#out-of-set), whatever is read."""
    from pgdocs.ocr.charset import unrepresentable

    open_ = [(n, fc) for n, fc in res.fields.items() if fc.status != "match"]
    return res.verdict == "review" and bool(open_) and all(
        n in ("business_name", "representative") and unrepresentable(fc.declared) for n, fc in open_)


def run_other(args: tuple[str, int]) -> dict[str, Any]:
    which, seed = args
    from pgdocs.ocr.verify import verify
    from pgdocs.samples.fakedata import make_business, seeded
    from pgdocs.samples.others import generate_others

    with tempfile.TemporaryDirectory(prefix="pgdocs-bench-other-") as tmp:
        [t] = generate_others(tmp, seed, [which])
        truth = json.loads(t.read_text(encoding="utf-8"))
        record = {"business": make_business(seeded(f"other-record:{seed}"), "general").record()}
        t0 = time.perf_counter()
        res = verify(Path(tmp) / truth["file"], record)
        return {"other": which, "seed": seed, "expected": truth["expected_kind"], "verdict": res.verdict,
                "code": res.code, "detected": res.detected_kind, "s": time.perf_counter() - t0,
                "reason": (res.reasons or [""])[0]}


# ----------------------------------------------------------------------------- report


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "—"


def _med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "—" if x is None else format(x, spec)


def _score(rs: list[dict[str, Any]], k: int) -> tuple[int, int, int, int]:
    """(genuine pass, genuine mismatch, changed passed, pages) at grid point ``k``."""
    p = sum(r["grid"][k][0] == "pass" for r in rs)
    m = sum(r["grid"][k][0] == "fail" for r in rs)
    c = sum(r["grid"][k][1] for r in rs)
    return p, m, c, len(rs)


def _tune(rs: list[dict[str, Any]], points: list[tuple[float, ...]], shipped: tuple[float, ...]) -> int:
    """The grid point with no changed record passed and no genuine mismatch and the most genuine passes; ties go
    to the point nearest the shipped thresholds (the shipped point itself when it is among the best)."""
    def key(k: int) -> tuple[int, int, float]:
        p, m, c, _ = _score(rs, k)
        feasible = 1 if (m == 0 and c == 0) else 0
        dist = sum(abs(a - b) for a, b in zip(points[k], shipped, strict=True))
        return feasible, p, -dist

    return max(range(len(points)), key=key)


def report(results: list[dict[str, Any]], others: list[dict[str, Any]], held_out: str, wall: float,
           jobs: int) -> list[str]:
    out: list[str] = []
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by[(r["family"], r["variant"])].append(r)
    out.append(f"{len(results)} pages in {wall:.0f} s (jobs {jobs})")
    out.append("")
    out.append("| family | variant | n | genuine pass | review | **mismatch** | changed passed (whole / near miss) "
               "| ours s | raw tesseract s | ratio |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    ratios: list[float] = []
    for (family, variant), rs in by.items():
        g = [r["genuine"] for r in rs]
        whole = [c for r in rs for c in r["changed"] if c["change"] == "whole"]
        near = [c for r in rs for c in r["changed"] if c["change"] != "whole"]
        ours = _med([r["ours"] for r in rs if r["ours"] is not None])
        raw = _med([r["raw"] for r in rs if r["raw"] is not None])
        rr = [r["ours"] / r["raw"] for r in rs if r["raw"]]
        ratios += rr
        wk = sum(r["code"] == "DOC_WRONG_KIND" for r in rs)
        fails = f"{g.count('fail')}" + (f" ({wk} as not a certificate)" if wk else "")
        out.append(f"| {family} | {variant} | {len(rs)} | {g.count('pass')} | {g.count('review')} | "
                   f"{fails} | {sum(c['verdict'] == 'pass' for c in whole)} of {len(whole)} / "
                   f"{sum(c['verdict'] == 'pass' for c in near)} of {len(near)} | {_fmt(ours)} | {_fmt(raw)} | "
                   f"{_fmt(_med(rr))} |")
    out.append("")
    out.append("Per family (targets: clean/scan/PDF ≥ 90 %, photo/fax/low-res/moiré/uneven light ≥ 75 %, "
               "0 genuine mismatches, 0 changed records passed):")
    out.append("")
    out.append("| family | clean/scan/PDF pass | of the rest: names beyond the model | photo/fax/low-res pass | "
               "of the rest: names beyond the model | thumbnail pass | genuine mismatch | changed passed | "
               "near misses passed |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    fams = list(dict.fromkeys(r["family"] for r in results))
    for family in fams:
        rs = [r for r in results if r["family"] == family]

        def rate(group: tuple[str, ...], rs: list[dict[str, Any]] = rs) -> str:
            sel = [r for r in rs if r["variant"] in group]
            ok = sum(r["genuine"] == "pass" for r in sel)
            return f"{ok}/{len(sel)} ({_pct(ok, len(sel))})" if sel else "—"

        def beyond(group: tuple[str, ...], rs: list[dict[str, Any]] = rs) -> str:
            sel = [r for r in rs if r["variant"] in group and r["genuine"] != "pass"]
            return f"{sum(bool(r.get('beyond_model')) for r in sel)} of {len(sel)}" if sel else "—"

        ch = [c for r in rs for c in r["changed"]]
        near = [c for c in ch if c["change"] != "whole"]
        out.append(f"| {family} | {rate(GROUP_CLEAN)} | {beyond(GROUP_CLEAN)} | {rate(GROUP_HARD)} | "
                   f"{beyond(GROUP_HARD)} | {rate(GROUP_THUMB)} | "
                   f"{sum(r['genuine'] == 'fail' for r in rs)} | {sum(c['verdict'] == 'pass' for c in ch)} of "
                   f"{len(ch)} | {sum(c['verdict'] == 'pass' for c in near)} of {len(near)} |")
    allc = [c for r in results for c in r["changed"]]
    passed = [(r["file"], c) for r in results for c in r["changed"] if c["verdict"] == "pass"]
    out.append("")
    out.append(f"All: genuine {sum(r['genuine'] == 'pass' for r in results)}/{len(results)} pass, "
               f"{sum(r['genuine'] == 'fail' for r in results)} mismatch; changed records passed "
               f"{len(passed)} of {len(allc)}; median time {_fmt(_med(ratios))}× one raw tesseract -l kor pass "
               f"(cpu {_fmt(_med([r['ours_cpu'] / r['raw_cpu'] for r in results if r['raw_cpu']]))}×); "
               f"text-layer median {_fmt(_med([r['ours'] for r in results if r['source'] == 'text_layer']), '.3f')} s")
    for f, c in passed:
        out.append(f"  PASSED a changed record: {f} {c['field']} ({c['change']})")
    for r in results:
        if r["genuine"] == "fail":
            out.append(f"  GENUINE MISMATCH: {r['file']}: {'; '.join(r['reasons'])}")

    # cross check
    graded = [r for r in results if r["grid"] is not None]
    if graded and held_out != "none":
        points = grid_points()
        shipped = shipped_point()
        k0 = points.index(shipped) if shipped in points else None
        names = "/".join(n for _, n, _ in GRID)
        out.append("")
        out.append(f"Cross check ({names}; grid {len(points)} points; shipped {shipped}):")
        out.append("")
        out.append("| held out | tuned on | thresholds chosen | held-out pass, tuned elsewhere | held-out pass, "
                   "tuned on itself | Δ points | held-out pass, shipped | held-out mismatch / changed passed "
                   "(tuned elsewhere) |")
        out.append("|---|---|---|---|---|---|---|---|")
        gfams = list(dict.fromkeys(r["family"] for r in graded))
        for h in (gfams if held_out == "each" else [held_out]):
            test = [r for r in graded if r["family"] == h]
            train = [r for r in graded if r["family"] != h]
            if not test or not train:
                continue
            k_train, k_self = _tune(train, points, shipped), _tune(test, points, shipped)
            p1, m1, c1, n = _score(test, k_train)
            p2, _, _, _ = _score(test, k_self)
            ship = f"{_pct(_score(test, k0)[0], n)}" if k0 is not None else "—"
            out.append(f"| {h} | {'+'.join(f for f in gfams if f != h)} | {points[k_train]} | {p1}/{n} "
                       f"({_pct(p1, n)}) | {p2}/{n} ({_pct(p2, n)}) | {100 * (p1 - p2) / n:+.0f} | {ship} | "
                       f"{m1} / {c1} |")
    if others:
        out.append("")
        out.append("Not certificates (should be refused: DOC_WRONG_KIND):")
        out.append("")
        out.append("| file | expected kind | verdict | code | detected | s | first reason |")
        out.append("|---|---|---|---|---|---|---|")
        for o in others:
            out.append(f"| {o['other']} (seed {o['seed']}) | {o['expected']} | {o['verdict']} | {o['code'] or '—'} "
                       f"| {o['detected'] or '—'} | {o['s']:.1f} | {o['reason'][:70]} |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=8, help="pages per family and variant (≥ 8 for the issue's table)")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--held-out", default="each",
                    help="family scored with thresholds tuned on the others; 'each' (every family in turn), "
                         "'none' (no grid)")
    ap.add_argument("--others", type=int, default=2, help="seeds of non-certificate files (0: none)")
    ap.add_argument("--dir", type=Path, default=None, help="keep the generated pages and truths here")
    ap.add_argument("--json", type=Path, default=None, help="write every case's result here")
    ap.add_argument("--verbose", action="store_true", help="print why each genuine page did not pass")
    args = ap.parse_args(argv)

    from pgdocs.samples.families import FAMILIES as FAMS

    families = [f.strip() for f in args.families.split(",") if f.strip()]
    for f in families:
        if f not in FAMS:
            ap.error(f"unknown family {f!r} (one of {', '.join(FAMS)})")
    if args.held_out not in ("each", "none", *families):
        ap.error("--held-out must be each, none or one of --families")
    grid = args.held_out != "none"
    cases: list[tuple[str, str, int, int, str | None, bool]] = []
    for family in families:
        wanted = [v for v in args.variants.split(",") if v in FAMS[family].variants]
        fam_variants = wanted or list(FAMS[family].variants)
        for variant in fam_variants:
            keep = str(args.dir / family) if args.dir else None
            cases += [(family, variant, args.seed, i, keep, grid) for i in range(args.count)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=_warm) as pool:
        results = []
        for n, r in enumerate(pool.map(run_case, cases, chunksize=1), 1):
            results.append(r)
            print(f"\r{n}/{len(cases)} {r['file']:<50}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        others_in = [(w, s) for s in range(args.others) for w in ("bankbook", "blank", "terms_pdf", "letter_scan")]
        others = list(pool.map(run_other, others_in)) if others_in else []
    wall = time.perf_counter() - t0
    for line in report(results, others, args.held_out, wall, args.jobs):
        print(line)
    if args.verbose:
        print()
        for r in results:
            if r["genuine"] != "pass":
                print(f"{r['file']} ({r['font']}): {r['genuine']}")
                for reason in r["reasons"]:
                    print(f"     {reason}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "others": others}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
