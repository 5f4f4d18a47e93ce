"""Benchmark: fictional certificate generation per variant against rasterising a PDF with poppler.

    .venv/bin/python bench/samples.py [--count 64] [--seed 1]

Generates ``--count`` certificates (every variant, kinds and fonts cycling, each
with its own data) through the library, timing each case end to end (layout,
render, degrade, encode, atomic write; truth JSON not included). The baseline,
measured in the same run on the same pages, is ``pdftoppm -r 300 -png`` of the
case's text PDF — what "draw a PDF, then rasterise it" would cost for just the
clean page. Prints a table; on a shared machine compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pgdocs.samples.certificates import VARIANTS, render_certificate
from pgdocs.samples.fakedata import KINDS, make_business, seeded
from pgdocs.samples.render import available_fonts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    pdf_fonts = sorted(k for k, f in available_fonts().items() if f.pdf)
    all_fonts = sorted(available_fonts())
    times: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    base: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # warm caches (fonts, seal) so the first case is not charged for them
        render_certificate(make_business(seeded(0), "general"), "textpdf", "NanumGothic", out / "warm")
        t_all = time.perf_counter()
        for i in range(args.count):
            variant = VARIANTS[i % len(VARIANTS)]
            kind = KINDS[(i // len(VARIANTS)) % len(KINDS)]
            rng = seeded(f"bench:{args.seed}:{i}")
            bd = make_business(rng, kind)
            fonts = pdf_fonts if variant == "textpdf" else all_fonts
            font = fonts[i % len(fonts)]
            t0 = time.perf_counter()
            path, _ = render_certificate(bd, variant, font, out / f"c{i}", rng=rng)
            times[variant].append(time.perf_counter() - t0)
            sizes[variant].append(path.stat().st_size)
            if pdftoppm and variant == "textpdf":
                t0 = time.perf_counter()
                subprocess.run([pdftoppm, "-r", "300", "-png", "-singlefile", str(path), str(out / f"p{i}")],
                               check=True, timeout=120, capture_output=True)
                base.append(time.perf_counter() - t0)
        total = time.perf_counter() - t_all - sum(base)
    base_med = statistics.median(base) if base else float("nan")
    print(f"# sample certificates: {args.count} cases, seed {args.seed}, fonts {', '.join(all_fonts)}")
    print(f"# baseline: pdftoppm -r 300 -png of the text PDF, median {base_med * 1000:.0f} ms over {len(base)} pages")
    print()
    print(f"| {'variant':<8} | {'n':>3} | {'median ms':>9} | {'max ms':>7} | {'vs pdftoppm':>11} | {'median KB':>9} |")
    print(f"|{'-' * 10}|{'-' * 5}|{'-' * 11}|{'-' * 9}|{'-' * 13}|{'-' * 11}|")
    for v in VARIANTS:
        if not times[v]:
            continue
        med = statistics.median(times[v])
        ratio = med / base_med if base else float("nan")
        print(f"| {v:<8} | {len(times[v]):>3} | {med * 1000:>9.0f} | {max(times[v]) * 1000:>7.0f} | "
              f"{ratio:>10.2f}× | {statistics.median(sizes[v]) / 1000:>9.0f} |")
    all_t = [t for ts in times.values() for t in ts]
    print()
    print(f"all cases: median {statistics.median(all_t) * 1000:.0f} ms, mean {total / args.count * 1000:.0f} ms, "
          f"total {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
