"""Benchmark: pasted-over certificate fields (issue 14 item 3) and what the tamper check costs genuine pages.

    .venv/bin/python bench/tamper.py [--count 6] [--seed 11] [--variants scan,photo,jpeg,clean]

For each generated fictional certificate (``pgdocs.samples``) and each field (등록번호, 대표자, 개업일) it makes
forgeries the way people make them — a box over the printed value, another value typed on it in another font —
in four ways:

* ``white-box``: a pure white box on the scanned page (an image editor's default);
* ``paper-box``: a box in the paper's own colour (the colour picker);
* ``paper-box+jpeg``: the same, saved again as JPEG quality 80 (a phone or a messenger);
* ``print-rescan``: the paste made on the clean page *before* it was scanned (the new scan's noise is everywhere).

Each forgery is verified against a record that matches the forged value (what a forger declares), with the
tamper check on and off; a forgery that *passes* is a failure of pgdocs. The same genuine pages are verified with
and without the check: the genuine pass rate may drop by at most 2 points. Thresholds are tuned on the fonts
named by ``--tune-fonts`` and scored on the others (``held out``).
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
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pgdocs.ocr import tamper
from pgdocs.ocr.extract import extract
from pgdocs.ocr.verify import compare_certificate
from pgdocs.record import record_from_dict
from pgdocs.samples import degrade
from pgdocs.samples.certificates import render_certificate, truth_for
from pgdocs.samples.fakedata import brn_check_digit, make_business, seeded
from pgdocs.samples.render import available_fonts

FIELDS = ("business_number", "representative", "opening_date")
WAYS = ("white-box", "paper-box", "paper-box+jpeg", "print-rescan")
#: fonts a forger types the new value in (fc-match names; the page fonts are pgdocs.samples's)
PASTE_FONTS = ("UnDotum", "Baekmuk Gulim", "NanumMyeongjo", "NanumGothic")


def _paste_font_path(family: str) -> str:
    import subprocess

    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout


def _forged_value(field: str, truth: dict[str, Any], rng: random.Random) -> str:
    if field == "business_number":
        d = str(truth["business_number"]).replace("-", "")
        while True:
            nine = d[:5] + f"{rng.randrange(10_000):04d}"
            cand = nine + str(brn_check_digit(nine))
            if cand != d:
                return f"{cand[:3]}-{cand[3:5]}-{cand[5:]}"
    if field == "representative":
        other = "김이박최정강조윤장임"
        name = truth["representative"]
        return rng.choice([c for c in other if c != name[0]]) + name[1:]
    y, m, day = str(truth["opening_date"]).split("-")
    return f"{int(y) - 1}-{m}-{day}"


def _shown(field: str, value: str) -> str:
    if field == "opening_date":
        y, m, d = value.split("-")
        return f"{y} 년 {m} 월 {d} 일"
    return value


def _paste(img: Image.Image, box: list[int], text: str, font_path: str, fill: int | tuple[int, ...]) -> Image.Image:
    out = img.copy()
    d = ImageDraw.Draw(out)
    x0, y0, x1, y1 = box
    h = y1 - y0
    pad = max(3, h // 4)
    d.rectangle((x0 - pad, y0 - pad, x1 + pad * 3, y1 + pad), fill=fill)
    font = ImageFont.truetype(font_path, max(10, round(h * 0.95)))
    ink = 20 if out.mode == "L" else (20, 20, 20)
    d.text((x0, y0 - round(h * 0.1)), text, font=font, fill=ink)
    return out


def _verify_image(img: Image.Image, record: Any, *, check: bool, boxes: bool = False) -> Any:
    """The verdict (and, with ``boxes``, where the genuine page's values were read: the forger's targets)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        img.save(path)
        ex = extract(path)
    original = tamper.mark
    if not check:
        tamper.mark = lambda *a, **k: {}  # type: ignore[assignment]
    try:
        verdict = compare_certificate(ex, record.business).verdict
    finally:
        tamper.mark = original  # type: ignore[assignment]
    if boxes:
        return verdict, {name: ex.box(name) for name in FIELDS}
    return verdict


def _record(truth: dict[str, Any], **override: str) -> Any:
    business = {k: str(v) for k, v in truth["record"].items() if v is not None}
    business.update(override)
    return record_from_dict({"business": business, "pg": "nicepay"})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=6, help="certificates per variant")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--variants", default="scan,photo,jpeg")
    ap.add_argument("--tune-fonts", default="NanumGothic,NanumMyeongjo",
                    help="page fonts the thresholds were tuned on; the others are held out")
    args = ap.parse_args(argv)
    tune = set(args.tune_fonts.split(","))
    rows: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)  # (set, variant, way, on/off) -> verdicts
    genuine: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    t_check: list[float] = []
    for variant in args.variants.split(","):
        for i in range(args.count):
            rng = seeded(f"tamper:{args.seed}:{variant}:{i}")
            bd = make_business(rng, "general")
            fonts = sorted(available_fonts())
            font = fonts[i % len(fonts)]
            split = "tuned" if font in tune else "held out"
            with tempfile.TemporaryDirectory() as tmp:
                # clean page first (for the print-rescan forgery), then the variant itself
                clean_path, clean_info = render_certificate(bd, "clean", font, Path(tmp) / "clean", rng=seeded(i))
                path, _ = render_certificate(bd, variant, font, Path(tmp) / "page", rng=rng)
                truth = truth_for(bd, rng, variant=variant, font=font)
                page = Image.open(path)
                page.load()
                clean = Image.open(clean_path).convert("RGB")
            truth = {**truth, "record": bd.record()}
            rec = _record(truth)
            t0 = time.perf_counter()
            on, boxes = _verify_image(page, rec, check=True, boxes=True)
            t_check.append(time.perf_counter() - t0)
            off = _verify_image(page, rec, check=False)
            genuine[(split, variant)].append((on, off))
            for field in FIELDS:
                box = boxes.get(field)
                if box is None:
                    continue
                value = _forged_value(field, truth["record"], rng)
                forged_rec = _record(truth, **{field: value})
                fpath = _paste_font_path(PASTE_FONTS[(i + FIELDS.index(field)) % len(PASTE_FONTS)])
                text = _shown(field, value)
                above = np.asarray(page.convert("L").crop((box[0], max(0, box[1] - 60), box[2], max(1, box[1] - 30))))
                paper = int(np.median(above))
                for way in WAYS:
                    if way == "print-rescan":
                        cbox = clean_info.get("boxes_px", {}).get(field)
                        if cbox is None or variant != "scan":
                            continue
                        forged_clean = _paste(clean, cbox, text, fpath, (255, 255, 255))
                        img, _ = degrade.scan(forged_clean, rng)
                    elif way == "white-box":
                        img = _paste(page, box, text, fpath, 255 if page.mode == "L" else (255, 255, 255))
                    else:
                        img = _paste(page, box, text, fpath, paper if page.mode == "L" else (paper,) * 3)
                        if way.endswith("+jpeg"):
                            buf = io.BytesIO()
                            img.convert("RGB").save(buf, "JPEG", quality=80)
                            img = Image.open(io.BytesIO(buf.getvalue()))
                    for check in (True, False):
                        rows[(split, variant, way, "on" if check else "off")].append(
                            _verify_image(img, forged_rec, check=check))
            print(f"  {variant} #{i} ({font}, {split}) genuine {on}/{off}", file=sys.stderr)

    print("\nPasted-over fields verified against the forged record (a pass is a miss)\n")
    print(f"{'set':<9} {'variant':<8} {'way':<16} {'n':>3} | {'passed (check on)':>17} {'caught':>7} |"
          f" {'passed (check off)':>18}")
    for split in ("tuned", "held out"):
        for variant in args.variants.split(","):
            for way in WAYS:
                on_v = rows.get((split, variant, way, "on"), [])
                off_v = rows.get((split, variant, way, "off"), [])
                if not on_v:
                    continue
                p_on, p_off = on_v.count("pass"), off_v.count("pass")
                print(f"{split:<9} {variant:<8} {way:<16} {len(on_v):>3} | {p_on:>17} {len(on_v) - p_on:>7} |"
                      f" {p_off:>18}")
    print("\nGenuine pages: pass rate with and without the tamper check\n")
    print(f"{'set':<9} {'variant':<8} {'n':>3} | {'pass (on)':>9} {'pass (off)':>10} {'drop':>6}")
    for (split, variant), pairs in sorted(genuine.items()):
        n = len(pairs)
        on_p = sum(1 for a, _ in pairs if a == "pass")
        off_p = sum(1 for _, b in pairs if b == "pass")
        print(f"{split:<9} {variant:<8} {n:>3} | {on_p:>9} {off_p:>10} {100 * (off_p - on_p) / n:>5.1f}%")
    print(f"\nmedian verify time with the check: {statistics.median(t_check):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
