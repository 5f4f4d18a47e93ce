"""Benchmark: verify on several certificate layout families, tuned against held out (issue 11, "Done when").

    .venv/bin/python bench/families.py [--count 4] [--seed 5] [--jobs 2] [--variants clean,scan,photo,jpeg,lowres,thumb]

Families (every business fictional, from ``pgdocs.samples.fakedata``):

* ``classic``  — ``pgdocs.samples`` (the generator the matching thresholds were tuned on);
* ``nts2025``  — a 2025+ 법인 사업자등록증 drawn by tests/reading_pages.py (emblem, letter-spaced labels with a colon
  column, ``대표자(대표유형)``, boxed 업태/종목, seal, security pattern);
* ``proof``    — a 사업자등록증명 table (주민번호 prefix, ``|`` lists, 공동사업자 sub-table);
* ``hometax``  — a text PDF storing one glyph per text run (variants do not apply: it is read from its text layer).

The last three were drawn for the reading tests, not for tuning the verdict thresholds: they are the held-out
side of the cross check. Variants degrade the drawn page with ``pgdocs.samples.degrade`` (scan, phone photo, JPEG,
100–150 dpi) plus ``thumb`` (a 450-px-wide thumbnail, as messengers send).

For each page: the genuine record, and records that differ from the page in one field — the number (another
valid check digit), the representative (one syllable), the 개업일 (one year) — must never pass. Printed per family
and variant: genuine pass/review/mismatch, changed records passed, median seconds per verify.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the reading tests' page drawers

FAMILIES = ("classic", "nts2025", "proof", "hometax")
VARIANTS = ("clean", "scan", "photo", "jpeg", "lowres", "thumb")


def _business(family: str, rng: random.Random) -> dict[str, Any]:
    from pgdocs.samples.fakedata import make_business

    kind = "corporation_head" if family == "nts2025" else "general"
    rec = make_business(rng, kind).record()
    out = {k: str(v) for k, v in rec.items() if v is not None}
    out.setdefault("birth_date", "1988-04-12")
    return out


def _draw(family: str, b: dict[str, Any], path: Path) -> Path:
    import reading_pages as rp

    if family == "nts2025":
        return rp.certificate_b_page(path.with_suffix(".png"), b)
    if family == "proof":
        return rp.proof_page(path.with_suffix(".png"), b)
    if family == "hometax":
        return rp.glyph_run_pdf(path.with_suffix(".pdf"), b)
    raise ValueError(family)


def _degrade(img: Image.Image, variant: str, rng: random.Random) -> Image.Image:
    from pgdocs.samples import degrade

    img = img.convert("RGB")
    img.info["dpi"] = (200, 200)
    if variant == "clean":
        return img
    if variant == "scan":
        return degrade.scan(img, rng)[0]
    if variant == "photo":
        return degrade.photo(img, rng)[0]
    if variant == "lowres":
        return degrade.lowres(img, rng)[0]
    if variant == "jpeg":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=55)
        return Image.open(io.BytesIO(buf.getvalue()))
    if variant == "thumb":
        h = round(img.height * 450 / img.width)
        return img.resize((450, h), Image.Resampling.LANCZOS)
    raise ValueError(variant)


def _changed(b: dict[str, Any], rng: random.Random) -> dict[str, dict[str, Any]]:
    from pgdocs.samples.fakedata import brn_check_digit

    digits = b["business_number"].replace("-", "")
    while True:
        nine = digits[:5] + f"{rng.randrange(10_000):04d}"
        if nine != digits[:9]:
            break
    other = nine + str(brn_check_digit(nine))
    name = b["representative"]
    swap = rng.choice([c for c in "민준서연지우하윤" if c != name[-1]])
    y, m, d = b["opening_date"].split("-")
    return {"number": {**b, "business_number": f"{other[:3]}-{other[3:5]}-{other[5:]}"},
            "representative": {**b, "representative": name[:-1] + swap},
            "opening_date": {**b, "opening_date": f"{int(y) - 1}-{m}-{d}"}}


def run_case(args: tuple[str, str, int, int]) -> dict[str, Any]:
    family, variant, seed, i = args
    from pgdocs.errors import PgdocsError
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.verify import compare_certificate
    from pgdocs.record import record_from_dict
    from pgdocs.samples.certificates import render_certificate
    from pgdocs.samples.fakedata import make_business, seeded

    rng = seeded(f"families:{seed}:{family}:{variant}:{i}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "page"
        if family == "classic":
            bd = make_business(rng, "general")
            b = {k: str(v) for k, v in bd.record().items() if v is not None}
            path, _ = render_certificate(bd, variant if variant in ("clean", "scan", "photo", "jpeg", "lowres")
                                         else "clean", "NanumGothic", base, rng=rng)
            if variant == "thumb":
                page = _degrade(Image.open(path), "thumb", rng)
                path = base.with_name("thumb.png")
                page.save(path)
        else:
            b = _business(family, rng)
            drawn = _draw(family, b, base)
            if family == "hometax":
                path = drawn
            else:
                page = _degrade(Image.open(drawn), variant, rng)
                path = base.with_name("page-v.png")
                page.save(path)
        t0 = time.perf_counter()
        try:
            ex = extract(path)
        except PgdocsError as err:
            return {"family": family, "variant": variant, "genuine": f"error:{err.code}", "changed": {}, "s": 0.0}
        seconds = time.perf_counter() - t0

        def verdict(bus: dict[str, Any]) -> str:
            rec = record_from_dict({"business": bus, "pg": "nicepay"})
            return compare_certificate(ex, rec.business).verdict

        genuine = verdict(b)
        changed = {name: verdict(bus) for name, bus in _changed(b, rng).items()}
    return {"family": family, "variant": variant, "genuine": genuine, "changed": changed, "s": seconds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=4, help="cases per family and variant")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    args = ap.parse_args(argv)
    cases = []
    for family in args.families.split(","):
        variants = ["text-pdf"] if family == "hometax" else args.variants.split(",")
        for variant in variants:
            cases += [(family, variant, args.seed, i) for i in range(args.count)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run_case, cases))
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by[(r["family"], r["variant"])].append(r)
    print(f"\n{len(results)} pages in {time.perf_counter() - t0:.0f} s (jobs {args.jobs})\n")
    print(f"{'family':<9} {'side':<9} {'variant':<9} {'n':>3} | {'pass':>4} {'review':>6} {'mismatch':>8} "
          f"{'error':>5} | {'changed passed':>14} | {'median s':>8}")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (family, variant), rs in by.items():
        g = [r["genuine"] for r in rs]
        ch = [v for r in rs for v in r["changed"].values()]
        side = "tuned" if family == "classic" else "held out"
        passed_changed = sum(1 for v in ch if v == "pass")
        t = totals[side]
        t[0] += len(g)
        t[1] += g.count("pass")
        t[2] += passed_changed
        t[3] += g.count("fail")
        secs = [r["s"] for r in rs if r["s"]]
        print(f"{family:<9} {side:<9} {variant:<9} {len(g):>3} | {g.count('pass'):>4} {g.count('review'):>6} "
              f"{g.count('fail'):>8} {sum(1 for x in g if x.startswith('error')):>5} | "
              f"{passed_changed:>6} of {len(ch):<5} | {statistics.median(secs) if secs else 0:>8.2f}")
    print()
    for side, (n, passed, changed, mism) in totals.items():
        print(f"{side:<9}: genuine pass {passed}/{n} ({100 * passed / max(1, n):.0f} %), genuine mismatch {mism}, "
              f"changed records passed {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
