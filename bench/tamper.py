"""Benchmark: pasted-over certificate fields (issue 14 item 3) and what the tamper check costs genuine pages.

    .venv/bin/python bench/tamper.py [--count 3] [--seed 11] [--jobs 2] [--dump]

A forgery is made the way people make one: a white box over the printed value (등록번호, 대표자, 개업일) and
another value typed on it in another font (a Nanum page gets UnDotum or Baekmuk Gulim, any other page
NanumGothic or NanumBarunGothic), sized and placed by eye (±5 % size, ±3 % of the height in position), in four ways:

* ``box``              — on the scanned page as it was sent (PNG);
* ``box+jpeg``         — the same, saved again as JPEG (quality 70–90: a phone or a messenger);
* ``box+noise``        — on the clean page, then mild scan noise over everything (grey paper, σ 2–4, slight skew
  and blur: an edit printed and scanned, or noise added to hide the box);
* ``box+noise+jpeg``   — the same, saved as JPEG.

Each forgery is verified against a record that matches the forged value (what a forger declares); a forgery that
*passes* is a miss. Genuine pages (clean, scan, JPEG, photo, a scan saved as JPEG) of the same businesses are
verified with the tamper check on and off from the same reading: the genuine pass rate may drop by at most 2 points.

Sets: thresholds were tuned on ``classic`` (pgdocs.samples) pages in Nanum fonts; ``held out`` is pgdocs.samples
in the other fonts (Noto Sans/Serif CJK, NanumSquare) and the ``nts2025`` and ``proof`` families
drawn by tests/reading_pages.py — never looked at while choosing thresholds.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the reading tests' page drawers

FIELDS = ("business_number", "representative", "opening_date")
WAYS = ("box", "box+jpeg", "box+noise", "box+noise+jpeg")
GENUINE = ("clean", "scan", "jpeg", "photo", "scan+jpeg")
#: genuine variants added after the first four draw from a random stream of their own, so that the pages and
#: forgeries of the first four stay as they were
LATER = ("scan+jpeg",)
#: (set, family, page font) of each case; the tuned set is what the thresholds were chosen on
CASES = (
    ("tuned", "classic", "NanumGothic"),
    ("tuned", "classic", "NanumMyeongjo"),
    ("tuned", "classic", "NanumBarunGothic"),
    ("held out", "classic", "NotoSansCJK"),
    ("held out", "classic", "NotoSerifCJK"),
    ("held out", "classic", "NanumSquare"),
    ("held out", "nts2025", "NanumGothic"),
    ("held out", "proof", "NanumGothic"),
)


@cache
def _font_file(family: str) -> str:
    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout


def _paste_font(page_font: str, rng: random.Random) -> str:
    pool = ("UnDotum", "Baekmuk Gulim") if page_font.startswith("Nanum") else ("NanumGothic", "NanumBarunGothic")
    return _font_file(rng.choice(pool))


def _forged_value(field: str, b: dict[str, str], rng: random.Random) -> str:
    from pgdocs.samples.fakedata import brn_check_digit

    if field == "business_number":
        d = b["business_number"].replace("-", "")
        while True:
            nine = d[:5] + f"{rng.randrange(10_000):04d}"
            if nine != d[:9]:
                cand = nine + str(brn_check_digit(nine))
                return f"{cand[:3]}-{cand[3:5]}-{cand[5:]}"
    if field == "representative":
        name = b["representative"]
        return rng.choice([c for c in "김이박최정강조윤장임" if c != name[0]]) + name[1:]
    y, m, d = b["opening_date"].split("-")
    return f"{int(y) - 1}-{m}-{d}"


def _shown(field: str, value: str, family: str) -> str:
    if field == "opening_date":
        y, m, d = value.split("-")
        return f"{y} 년 {m} 월 {d} 일"
    return value


def paste(img: Image.Image, box: list[int], text: str, font_file: str, rng: random.Random, *, ink_h: int,
          skew: float = 0.0) -> Image.Image:
    """A white box over ``box`` and ``text`` typed on it by a careful forger: its ink as high as the printed
    value's (``ink_h`` ± 5 %), turned by the page's ``skew``, left-aligned, centred on the line (± 3 % of the
    height)."""
    out = img.copy() if img.mode in ("L", "RGB") else img.convert("RGB")
    d = ImageDraw.Draw(out)
    x0, y0, x1, y1 = box
    pad = max(3, ink_h // 4)
    d.rectangle((x0 - pad, y0 - pad, x1 + pad * 3, y1 + pad), fill=255 if out.mode == "L" else (255, 255, 255))
    probe = ImageFont.truetype(font_file, 100)
    bx0, by0, bx1, by1 = probe.getbbox(text)
    size = max(8, round(100 * ink_h / max(1, by1 - by0) * rng.uniform(0.95, 1.05)))
    font = ImageFont.truetype(font_file, size)
    bx0, by0, bx1, by1 = font.getbbox(text)
    layer = Image.new("L", (bx1 - bx0 + 8, by1 - by0 + 8), 0)
    ImageDraw.Draw(layer).text((4 - bx0, 4 - by0), text, font=font, fill=255)
    if skew:
        layer = layer.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True)
    cy = (y0 + y1) / 2 + ink_h * rng.uniform(-0.03, 0.03)
    at = (x0, round(cy - layer.height / 2))
    ink = Image.new(out.mode, layer.size, 20 if out.mode == "L" else (20, 20, 20))
    out.paste(ink, at, layer)
    return out


def mild_scan(img: Image.Image, rng: random.Random) -> Image.Image:
    """Grey paper, σ 2–4 noise, a small skew and a slight blur over the whole page."""
    paper = rng.randint(228, 246)
    grey = img.convert("L").point([round(v * paper / 255) for v in range(256)])
    grey = grey.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BILINEAR, fillcolor=paper)
    grey = grey.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(grey, dtype=np.float32)
    arr += np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2.0, 4.0), arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def _jpeg(img: Image.Image, q: int) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buf, "JPEG", quality=q)
    return buf.getvalue()


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=img.info.get("dpi", (300, 300)))
    return buf.getvalue()


def _pages(family: str, font: str, rng: random.Random, tmp: Path) -> tuple[dict[str, str], Image.Image]:
    """The business (record strings) and its clean page."""
    from pgdocs.samples.certificates import render_certificate
    from pgdocs.samples.fakedata import make_business

    if family == "classic":
        bd = make_business(rng, "general")
        path, _ = render_certificate(bd, "clean", font, tmp / "clean", rng=rng)
        b = {k: str(v) for k, v in bd.record().items() if v is not None}
    else:
        import reading_pages as rp

        kind = "corporation_head" if family == "nts2025" else "general"
        b = {k: str(v) for k, v in make_business(rng, kind).record().items() if v is not None}
        b.setdefault("birth_date", "1988-04-12")
        draw = rp.certificate_b_page if family == "nts2025" else rp.proof_page
        path = draw(tmp / "clean.png", b)
    img = Image.open(path)
    img.load()
    return b, img


def _genuine(clean: Image.Image, variant: str, rng: random.Random) -> tuple[bytes, float]:
    """The page file of ``variant`` and its skew (degrees)."""
    from pgdocs.samples import degrade

    if variant == "clean":
        return _png(clean), 0.0
    if variant == "scan":
        img, info = degrade.scan(clean, rng)
        return _png(img), float(info["skew_deg"])
    if variant == "jpeg":
        return _jpeg(clean, rng.randint(35, 60)), 0.0
    if variant == "photo":
        return _jpeg(degrade.photo(clean.convert("RGB"), rng)[0], rng.randint(70, 88)), 0.0
    if variant == "scan+jpeg":  # the most common upload: a scanner's noise, saved as JPEG by the scanner or a phone
        img, info = degrade.scan(clean, rng)
        return _jpeg(img, rng.randint(60, 90)), float(info["skew_deg"])
    raise ValueError(variant)


def _read(data: bytes, tmp: Path, name: str) -> Any:
    from pgdocs.ocr.extract import extract

    path = tmp / name
    path.write_bytes(data)
    return extract(path)


def _verdicts(ex: Any, b: dict[str, str]) -> tuple[str, str, dict[str, str]]:
    """(verdict with the check, verdict without, field evidence with) from one reading."""
    from pgdocs.ocr import tamper
    from pgdocs.ocr.verify import compare_certificate
    from pgdocs.record import record_from_dict

    business = record_from_dict({"business": b, "pg": "nicepay"}).business
    on = compare_certificate(ex, business)
    original = tamper.find
    tamper.find = lambda *a, **k: {}  # type: ignore[assignment]
    try:
        off = compare_certificate(ex, business)
    finally:
        tamper.find = original  # type: ignore[assignment]
    kinds = {n: v["kind"] for n, v in on.quality.get("tamper", {}).items()}
    return on.verdict, off.verdict, {n: f"{fc.status}/{fc.evidence}" + (f":{kinds[n]}" if n in kinds else "")
                                     for n, fc in on.fields.items()}


def run_case(args: tuple[str, str, str, int, int, bool]) -> dict[str, Any]:
    split, family, font, seed, i, dump = args
    from pgdocs.ocr import tamper
    from pgdocs.samples.fakedata import seeded

    rng = seeded(f"tamper:{seed}:{family}:{font}:{i}")
    out: dict[str, Any] = {"set": split, "family": family, "font": font, "genuine": {}, "forged": [], "dump": []}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        b, clean = _pages(family, font, rng, tmp)
        exs: dict[str, Any] = {}
        pages: dict[str, Image.Image] = {}
        skews: dict[str, float] = {}
        for variant in GENUINE:
            own = seeded(f"tamper:{seed}:{family}:{font}:{i}:{variant}") if variant in LATER else rng
            data, skews[variant] = _genuine(clean, variant, own)
            ext = ".jpg" if variant in ("jpeg", "photo", "scan+jpeg") else ".png"
            t0 = time.perf_counter()
            ex = _read(data, tmp, f"g-{variant}{ext}")
            out.setdefault("seconds", []).append(time.perf_counter() - t0)
            exs[variant] = ex
            pages[variant] = Image.open(io.BytesIO(data))
            on, off, ev = _verdicts(ex, b)
            out["genuine"][variant] = (on, off, ev)
            if dump:
                out["dump"] += [{"kind": "genuine", "variant": variant, "page": i, **r} for r in tamper.glyph_table(ex)]
        for field in FIELDS:
            value = _forged_value(field, b, rng)
            forged = {**b, field: value}
            text = _shown(field, value, family)
            ffile = _paste_font(font, rng)
            for way in WAYS:
                base = "clean" if "noise" in way else "scan"
                box, clean_box = exs[base].box(field), exs["clean"].box(field)
                if box is None or clean_box is None:
                    out["forged"].append((way, field, "no box"))
                    continue
                img = paste(pages[base], box, text, ffile, rng, ink_h=clean_box[3] - clean_box[1], skew=skews[base])
                if "noise" in way:
                    img = mild_scan(img, rng)
                data = _jpeg(img, rng.randint(70, 90)) if way.endswith("jpeg") else _png(img)
                ex = _read(data, tmp, f"f-{field}-{way}" + (".jpg" if way.endswith("jpeg") else ".png"))
                on, off, ev = _verdicts(ex, forged)
                out["forged"].append((way, field, on, off, ev.get(field, "-")))
                if dump:
                    out["dump"] += [{"kind": f"forged:{field}", "variant": way, "page": i, **r}
                                    for r in tamper.glyph_table(ex)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=2, help="businesses per (family, font)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sets", default="tuned,held out")
    ap.add_argument("--dump", action="store_true", help="print every field line's glyph measurements")
    ap.add_argument("--dump-json", type=Path, default=None,
                    help="write every field line's glyph measurements, page by page, to this JSON file")
    args = ap.parse_args(argv)
    sets = set(args.sets.split(","))
    dump = args.dump or args.dump_json is not None
    todo = [(s, fam, font, args.seed, i, dump) for s, fam, font in CASES if s in sets for i in range(args.count)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run_case, todo))
    if args.dump_json is not None:
        rows = [{"set": r["set"], "family": r["family"], "font": r["font"], **row}
                for r in results for row in r["dump"]]
        args.dump_json.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    if args.dump:
        for r in results:
            for row in r["dump"]:
                print(f"{r['family']:<8} {r['font']:<16} {row['kind']:<24} {row['variant']:<15} {row['field']:<18}"
                      f" {row['cls']:<6} h {row['height']:.3f} s {row['stroke']:.3f} b {row['baseline']:+.3f}")
        for r in results:
            for g in r["genuine"].items():
                print("genuine", r["family"], r["font"], g)
            for f in r["forged"]:
                print("forged", r["family"], r["font"], f)

    print("\nPasted-over fields, verified against the forged record (caught = not passed with the check on)\n")
    print("| set | way | fields | caught | passed (check on) | passed (check off) |")
    print("|---|---|---:|---:|---:|---:|")
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for split in ("tuned", "held out"):
        for way in WAYS:
            rows = [f for r in results if r["set"] == split for f in r["forged"] if f[0] == way and len(f) == 5]
            if not rows:
                continue
            p_on = sum(1 for f in rows if f[2] == "pass")
            p_off = sum(1 for f in rows if f[3] == "pass")
            print(f"| {split} | {way} | {len(rows)} | {len(rows) - p_on} | {p_on} | {p_off} |")
            total[split][0] += len(rows)
            total[split][1] += len(rows) - p_on
    for split, (n, c) in total.items():
        print(f"| {split} | **all** | {n} | {c} ({100 * c / n:.0f} %) | | |")
    print("\nPasted-over fields caught, by field (both sets)\n")
    print("| field | caught / pasted |")
    print("|---|---:|")
    for field in FIELDS:
        rows = [f for r in results for f in r["forged"] if f[1] == field and len(f) == 5]
        print(f"| {field} | {sum(1 for f in rows if f[2] != 'pass')} / {len(rows)} |")

    print("\nGenuine pages: pass rate with and without the tamper check (same reading)\n")
    print("| set | family | variant | pages | pass (check off) | pass (check on) | drop (points) |")
    print("|---|---|---|---:|---:|---:|---:|")
    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for split in ("tuned", "held out"):
        for family in ("classic", "nts2025", "proof"):
            for variant in GENUINE:
                pairs = [r["genuine"][variant] for r in results if r["set"] == split and r["family"] == family]
                if not pairs:
                    continue
                n = len(pairs)
                on_p = sum(1 for p in pairs if p[0] == "pass")
                off_p = sum(1 for p in pairs if p[1] == "pass")
                agg[split][0] += n
                agg[split][1] += off_p
                agg[split][2] += on_p
                print(f"| {split} | {family} | {variant} | {n} | {off_p} | {on_p} | {100 * (off_p - on_p) / n:.1f} |")
    for split, (n, off_p, on_p) in agg.items():
        print(f"| {split} | **all** | | {n} | {off_p} ({100 * off_p / n:.0f} %) | {on_p} ({100 * on_p / n:.0f} %) |"
              f" {100 * (off_p - on_p) / n:.1f} |")
    flagged = [(r["family"], r["font"], v, ev) for r in results for v, (on, off, ev) in r["genuine"].items()
               if any("/tamper" in e for e in ev.values())]
    print(f"\ngenuine pages with a field flagged as edited: {len(flagged)}")
    for fam, font, v, ev in flagged:
        print(f"  {fam} {font} {v}: " + ", ".join(f"{n} {e}" for n, e in ev.items() if "/tamper" in e))
    secs = [s for r in results for s in r.get("seconds", [])]
    print(f"\nmedian extract time per genuine page: {statistics.median(secs):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
