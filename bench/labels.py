"""Benchmark: a 500-label sheet run (target ≤ 2 s) against one label per call.

    .venv/bin/python bench/labels.py [--labels 500] [--sheet LS-3108] [--repeat 3]

Every label is a different fictional address (no layout cache hits between
labels). The baseline renders the same labels one PDF per call, as a caller
that loops over merchants would. Prints a table; ratios matter more than
seconds on a shared machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from pgdocs.labels import LabelEntry, render_labels

SIDO = ["서울특별시 마포구", "부산광역시 해운대구", "경기도 성남시 분당구", "대전광역시 유성구",
        "제주특별자치도 제주시", "인천광역시 연수구", "광주광역시 북구", "강원특별자치도 춘천시"]
ROADS = ["마포대로", "센텀중앙로", "판교역로", "대학로", "첨단로", "컨벤시아대로", "용봉로", "중앙로"]
ORGS = ["나이스페이먼츠 플랫폼사업실", "주식회사 바다상사 재무팀", "가나다 온라인사업부", "하늘빛유기농영농조합법인",
        "한국정보통신 FC사업팀", "별빛상회"]
NAMES = ["김민준", "이서연", "박도윤", "최하은", None, None]


def make_entries(n: int) -> list[LabelEntry]:
    out = []
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        out.append(LabelEntry(
            lines=[f"{SIDO[i % len(SIDO)]} {ROADS[(i // 3) % len(ROADS)]} {100 + i}",
                   f"{(i % 20) + 1}층 {(i % 9) + 1}0{i % 10}호", ORGS[i % len(ORGS)]],
            name=name, honorific="귀하" if name else "귀중", postal_code=f"{(i % 60) + 1:02d}{i % 1000:03d}",
        ))
    return out


def timed(fn: object, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=int, default=500)
    ap.add_argument("--sheet", default="LS-3108")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    entries = make_entries(args.labels)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "labels.pdf"
        render_labels(entries[:2], out, sheet=args.sheet)  # warm-up: font registration, imports

        batch = timed(lambda: render_labels(entries, out, sheet=args.sheet), args.repeat)
        pages = len(PdfReader(out).pages)
        size = out.stat().st_size

        def one_per_call() -> None:
            for i, e in enumerate(entries):
                render_labels([e], Path(tmp) / f"one{i % 4}.pdf", sheet=args.sheet)

        single = timed(one_per_call, 1)

    rows = [
        ("one label per call (baseline)", args.labels, args.labels, single),
        ("render_labels, one call", args.labels, pages, batch),
    ]
    print(f"labels benchmark — sheet {args.sheet}, {args.labels} distinct labels, median of {args.repeat} "
          f"(baseline 1 run); batch PDF {size / 1024:.0f} KiB")
    print(f"| {'mode':<30} | {'labels':>6} | {'pages':>5} | {'seconds':>8} | {'labels/s':>8} | {'vs baseline':>11} |")
    print(f"|{'-' * 32}|{'-' * 8}|{'-' * 7}|{'-' * 10}|{'-' * 10}|{'-' * 13}|")
    for name, n, p, sec in rows:
        print(f"| {name:<30} | {n:>6} | {p:>5} | {sec:>8.3f} | {n / sec:>8.0f} | {single / sec:>10.1f}x |")
    target = 2.0 * args.labels / 500
    verdict = "OK" if batch <= target else "SLOW"
    print(f"target: {args.labels} labels ≤ {target:.1f} s → {verdict} ({batch:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
