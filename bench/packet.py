"""Benchmark: packet assembly per merchant, excluding OCR and LibreOffice (target ≤ 1 s).

    .venv/bin/python bench/packet.py [--repeat 5]

For each NicePay sample merchant (documents from ``samples/<slug>/``, fictional),
the application form is filled and converted ONCE before timing (LibreOffice is
excluded, as batch mode does) and checks are off (OCR excluded). Timed:

* ``packet``: the whole ``build_packet`` (discovery, safe opening incl. the PDF
  probe subprocess, images → A4, cover, merge, labels, e-mail, manifest, atomic move);
* stages of it, called directly;
* baseline ``merge only``: concatenating the already prepared PDFs with pypdf —
  the least any packet tool must do.

Prints a table of medians; on a shared 2-core machine compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfWriter

from pgdocs.forms.nicepay import fill_nicepay_id_add
from pgdocs.packet import build_packet
from pgdocs.packet.build import locate_documents
from pgdocs.packet.cover import CoverInfo, CoverItem, render_cover
from pgdocs.packet.images import image_to_pdf
from pgdocs.record import load_record
from pgdocs.rulebook import resolve_case

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
CASES = [("nicepay-individual-within-1y", "post"), ("nicepay-individual-within-1y", "email"),
         ("nicepay-corporation-over-1y", "post")]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the PDF probe child process
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds; the CPU seconds of the same runs go to ``CPU``."""
    runs, cpus = [], []
    for _ in range(repeat):
        c0, t0 = _cpu(), time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    CPU.append(statistics.median(cpus))
    return statistics.median(runs)


CPU: list[float] = []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    rows = []
    stages: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        forms: dict[str, tuple[Path, Path]] = {}
        for slug in sorted({s for s, _ in CASES}):
            rec = load_record(REPO / "samples" / slug / "record.json")
            d = tmp / f"form-{slug}"
            d.mkdir()
            res = fill_nicepay_id_add(rec, d / "form.docx", pdf=True, today=TODAY)  # LibreOffice: not timed
            assert res.pdf is not None
            forms[slug] = (res.docx, res.pdf)
        for slug, channel in CASES:
            rec = load_record(REPO / "samples" / slug / "record.json")
            counter = iter(range(10_000))

            def run(rec=rec, slug=slug, channel=channel, counter=counter) -> object:  # type: ignore[no-untyped-def]
                out = tmp / f"out-{slug}-{channel}-{next(counter)}"
                result = build_packet(rec, out, channel=channel, check=False, today=TODAY, form=forms[slug])
                shutil.rmtree(out)
                return result

            packet_s = timed(run, args.repeat)
            packet_cpu = CPU[-1]
            last = build_packet(rec, tmp / f"keep-{slug}-{channel}", channel=channel, check=False, today=TODAY,
                                form=forms[slug])
            parts = [last.out / f["name"] for f in last.files
                     if f["name"].endswith(".pdf") and f["name"][:2].isdigit()]

            def merge_only(parts=parts) -> None:  # type: ignore[no-untyped-def]
                w = PdfWriter()
                for p in parts:
                    w.append(p)
                with (tmp / "merged.pdf").open("wb") as fh:
                    w.write(fh)

            base_s = timed(merge_only, args.repeat)
            rows.append((slug, channel, len(parts), last.pages, packet_s, packet_cpu, base_s, CPU[-1]))
            if slug not in stages:
                case = resolve_case(rec, TODAY)
                specs = case.documents_for(rec.business.entity)
                docs, probe = locate_documents(rec, specs, None)
                probe.finish()
                imgs = [d for d in docs.values() if not d.is_pdf]
                items = [CoverItem(i, d.title, f"{i:02d}_{d.id}.pdf", 1) for i, d in enumerate(docs.values(), 1)]
                info = CoverInfo("표지", "ID 추가", "우편", ["받는 곳"], ["보내는 곳"], [case.title], items, "문의",
                                 "인감", date=TODAY)
                stages[slug] = {
                    "locate + open (PDF probe subprocess)": timed(
                        lambda rec=rec, specs=specs: locate_documents(rec, specs, None)[1].finish(), args.repeat),
                    f"images → A4 ({len(imgs)})": timed(
                        lambda imgs=imgs: [image_to_pdf(d.path, tmp / "img.pdf", title=d.title) for d in imgs],
                        args.repeat),
                    "cover sheet": timed(lambda info=info: render_cover(info, tmp / "cover.pdf", title="표지"),
                                         args.repeat),
                }

    print(f"packet assembly per merchant, excluding OCR and LibreOffice — median of {args.repeat} runs")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (CPU s counts the probe child too)")
    print(f"{'merchant':<30} {'channel':<7} {'parts':>5} {'pages':>5} {'packet s':>9} {'CPU s':>6} "
          f"{'merge-only s':>13} {'CPU s':>6} {'ratio':>6} {'≤ 1 s':>6}")
    ok = True
    for slug, channel, nparts, pages, packet_s, packet_cpu, base_s, base_cpu in rows:
        ok &= packet_s <= 1.0
        print(f"{slug:<30} {channel:<7} {nparts:>5} {pages:>5} {packet_s:>9.3f} {packet_cpu:>6.2f} {base_s:>13.3f} "
              f"{base_cpu:>6.2f} {packet_s / base_s:>5.1f}x {'yes' if packet_s <= 1.0 else 'NO':>6}")
    print()
    print(f"{'stage (called alone)':<42} " + " ".join(f"{s[:28]:>28}" for s in stages))
    keys = {k.split(" (")[0]: k for st in stages.values() for k in st}
    for short in keys:
        vals = []
        for st in stages.values():
            match = next((v for k, v in st.items() if k.split(" (")[0] == short), None)
            vals.append(f"{match:>27.3f}s" if match is not None else f"{'-':>28}")
        print(f"{short:<42} " + " ".join(vals))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
