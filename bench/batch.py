"""Benchmark: ``pgdocs batch`` on generated fictional merchants (docs/benchmarks.md#batch-target).

    .venv/bin/python bench/batch.py [--rows 200] [--baseline-rows 20] [--ocr-rows 8] [--jobs 1,2] [--skip-ocr]
    .venv/bin/python bench/batch.py --scheduler local:2 --jobs 2 --skip-baseline   # Dask vs the process pool

Runs, each in its own child process so memory peaks are separate:

* baseline — LibreOffice started once per row (``chunk_size=1``), ``--jobs`` max, on ``--baseline-rows``;
* batched  — forms + PDF + packets + labels without OCR on ``--rows`` rows, once per ``--jobs`` value
  (speed-up = time with 1 job / time with N jobs);
* ocr      — the same with the certificate and bank-book checks (Tesseract) on ``--ocr-rows`` rows;
* with ``--scheduler`` (``local:N`` or ``tcp://127.0.0.1:PORT``): the batched and OCR runs again on that Dask
  cluster, on the same rows, plus the overhead per task of each pool (200 no-op calls through it, at most
  2 per worker in flight as the batch submits them). The cluster's start-up (LocalCluster: ~1-2 s) is inside
  its wall time, as a user sees it.

CPU per row is measured inside the worker (its own CPU and its LibreOffice/Tesseract children) the same way for
both pools; "main CPU" is the orchestrator's process (with ``local:N`` it also hosts the Dask scheduler).

Every row is a NicePay merchant within a year of its contract (the heaviest case: form, PDF, packet and
label). Documents are fictional (``pgdocs.samples``). Peak memory: ``ru_maxrss`` of the orchestrator
and of its largest child (a worker or a LibreOffice process). On a shared 2-core machine compare the
ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "nicepay-individual-within-1y" / "record.json"
TODAY = "2026-11-27"
NAMES = ["하늘공방", "별빛상회", "초록농장", "A&B 스토어", "모아스토어", "달빛베이커리", "바람서점"]


def _brn(i: int) -> str:
    from pgdocs.ids.brn import calc_check_digit

    nine = f"{300 + i % 600:03d}{(i // 600) % 79 + 1:02d}{i % 10000:04d}"
    return f"{nine[:3]}-{nine[3:5]}-{nine[5:]}{calc_check_digit(nine)}"


def make_rows(n: int) -> list[dict[str, Any]]:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    base.pop("documents", None)
    rows = []
    for i in range(n):
        rec = copy.deepcopy(base)
        rec["business"]["business_number"] = _brn(i + 1)
        rec["business"]["business_name"] = f"{NAMES[i % len(NAMES)]} {i + 1}호점"
        rec["business"]["address"] = f"서울특별시 마포구 양화로 {10 + i % 180}, {i % 9 + 1}층"
        rec["_docs_dir"] = f"m{i + 1:04d}"
        rows.append(rec)
    return rows


def make_docs(rows: list[dict[str, Any]], root: Path, *, per_row: bool) -> None:
    """Fictional 사업자등록증/통장 사본 per row: rendered for each record (OCR runs) or one pair copied."""
    from pgdocs.record import record_from_dict
    from pgdocs.samples.bankbook import bankbook_for_record
    from pgdocs.samples.certificates import certificate_for_record

    shared: tuple[Path, Path] | None = None
    for i, rec in enumerate(rows):
        folder = root / rec["_docs_dir"]
        folder.mkdir(parents=True, exist_ok=True)
        if per_row or shared is None:
            record = record_from_dict({k: v for k, v in rec.items() if k != "_docs_dir"})
            cert = certificate_for_record(record, folder / "사업자등록증.png", "clean", seed=i)
            book = bankbook_for_record(record, folder / "통장사본.png", "clean", seed=i)
            shared = shared or (cert, book)
        else:
            shutil.copyfile(shared[0], folder / shared[0].name)
            shutil.copyfile(shared[1], folder / shared[1].name)


def _noop(i: int) -> int:
    return i


def overhead(cfg: dict[str, Any]) -> None:
    """Seconds per no-op call through a pool, submitted as the batch does (window of 2 per worker)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    from pgdocs.batch.executor import make_pool

    pool = make_pool(cfg["jobs"], scheduler=cfg.get("scheduler"))
    try:
        for warm in (True, False):
            n = 2 * pool.workers if warm else cfg["tasks"]
            t0 = time.perf_counter()
            pending, inflight = list(range(n)), set()
            while pending or inflight:
                while pending and len(inflight) < 2 * pool.workers:
                    inflight.add(pool.executor.submit(_noop, pending.pop()))
                _, inflight = wait(inflight, return_when=FIRST_COMPLETED)
            seconds = time.perf_counter() - t0
    finally:
        pool.close()
    print(json.dumps({"per_task_ms": 1000 * seconds / cfg["tasks"], "workers": pool.workers}))


def child(cfg: dict[str, Any]) -> None:
    from pgdocs.batch.run import chunk_rows, run_batch

    if cfg.get("overhead"):
        overhead(cfg)
        return
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    res = run_batch(cfg["xlsx"], cfg["out"], docs_root=cfg["docs"], jobs=cfg["jobs"], check=cfg["check"],
                    today=TODAY, chunk_size=cfg.get("chunk_size"), scheduler=cfg.get("scheduler"))
    seconds = time.perf_counter() - t0
    main_cpu = time.process_time() - cpu0
    statuses: dict[str, int] = {}
    for rr in res.rows:
        s = rr.result.status if rr.result else "중단됨"
        statuses[s] = statuses.get(s, 0) + 1
    codes: dict[str, int] = {}
    for rr in res.rows:
        for c in rr.result.codes if rr.result else []:
            codes[c] = codes.get(c, 0) + 1
    print(json.dumps({
        "seconds": seconds, "statuses": statuses, "codes": codes,
        "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_child_mb": max([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
                            + [rr.result.worker_peak_mb for rr in res.rows if rr.result]),
        "labels": bool(res.labels_pdf),
        "work_cpu": sum(rr.result.cpu_seconds for rr in res.rows if rr.result),
        "main_cpu": main_cpu,
        "chunks": len(chunk_rows(res.rows, max(1, res.workers))),  # type: ignore[arg-type]
        "cpu": sum(rr.result.cpu_seconds for rr in res.rows if rr.result)
        + sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime
              for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)),
    }, ensure_ascii=False))


def run_child(cfg: dict[str, Any]) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PGDOCS_DASK_SCHEDULER"}
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(cfg)], capture_output=True, text=True,
                          timeout=3600, check=False, env={**env, "OMP_THREAD_LIMIT": "1"})
    if proc.returncode != 0:
        sys.exit(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--baseline-rows", type=int, default=20)
    ap.add_argument("--ocr-rows", type=int, default=8)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--scheduler", default=None, help="also run on this Dask cluster (local:N or tcp://127.0.0.1:P)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, default=None, help="keep the generated files here")
    args = ap.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    from pgdocs.batch.template import write_rows

    jobs = [int(j) for j in args.jobs.split(",")]
    work = args.dir or Path(tempfile.mkdtemp(prefix="pgdocs-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    n_max = max(args.rows, args.baseline_rows, args.ocr_rows)
    rows = make_rows(n_max)
    t0 = time.perf_counter()
    make_docs(rows, work / "docs", per_row=False)
    write_rows(work / "rows.xlsx", rows[: args.rows], overwrite=True)
    write_rows(work / "baseline.xlsx", rows[: args.baseline_rows], overwrite=True)
    if not args.skip_ocr:
        make_docs(rows[: args.ocr_rows], work / "ocr-docs", per_row=True)
        write_rows(work / "ocr.xlsx", rows[: args.ocr_rows], overwrite=True)
    print(f"generated {n_max} fictional merchants in {time.perf_counter() - t0:.1f} s → {work}")

    results: list[tuple[str, int, int, dict[str, Any]]] = []
    load0 = os.getloadavg()
    if not args.skip_baseline:
        base = run_child({"xlsx": str(work / "baseline.xlsx"), "out": str(work / "out-baseline"),
                          "docs": str(work / "docs"), "jobs": max(jobs), "check": False, "chunk_size": 1})
        results.append(("baseline: 1 LibreOffice start per row", args.baseline_rows, max(jobs), base))
    if args.scheduler:
        compare_scheduler(args, work, max(jobs), load0)
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    for j in jobs:
        r = run_child({"xlsx": str(work / "rows.xlsx"), "out": str(work / f"out-j{j}"), "docs": str(work / "docs"),
                       "jobs": j, "check": False})
        results.append((f"batched, no OCR, {j} job(s)", args.rows, j, r))
    if not args.skip_ocr:
        r = run_child({"xlsx": str(work / "ocr.xlsx"), "out": str(work / "out-ocr"),
                       "docs": str(work / "ocr-docs"), "jobs": max(jobs), "check": True})
        results.append((f"batched, with OCR, {max(jobs)} job(s)", args.ocr_rows, max(jobs), r))

    one_job = next((r for name, _, j, r in results if j == 1 and "no OCR" in name), None)
    print()
    print(f"{'run':<40} {'rows':>5} {'s':>8} {'rows/s':>7} {'s/row':>6} {'rows/min':>8} {'speed-up':>8} "
          f"{'CPU s/row':>9} "
          f"{'RSS main MB':>11} {'RSS worker MB':>13}  statuses")
    for name, n, _, r in results:
        s = r["seconds"]
        speed = f"{one_job['seconds'] / s:.2f}×" if one_job and "no OCR" in name else ""
        print(f"{name:<40} {n:>5} {s:>8.1f} {n / s:>7.2f} {s / n:>6.2f} {60 * n / s:>8.1f} {speed:>8} "
              f"{r['cpu'] / n:>9.2f} "
              f"{r['rss_self_mb']:>11.0f} {r['rss_child_mb']:>13.0f}  {r['statuses']} {r['codes'] or ''}")
    batched = [r for name, _, j, r in results if "no OCR" in name and j == max(jobs)]
    if batched and not args.skip_baseline:
        per_row = batched[0]["seconds"] / args.rows
        print(f"\nbatched vs one-start-per-row: {base['seconds'] / args.baseline_rows / per_row:.2f}× faster per row;"
              f" {args.rows} rows in {batched[0]['seconds']:.1f} s (target ≤ 60 s on 2 cores: "
              f"{'✔' if batched[0]['seconds'] <= 60 else '✘'}); CPU time {batched[0]['cpu']:.0f} s, i.e. "
              f"≈ {batched[0]['cpu'] / max(jobs):.0f} s on {max(jobs)} otherwise idle cores")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores ⇒ > 2 means shared CPU)")
    if args.dir is None:
        shutil.rmtree(work, ignore_errors=True)


def compare_scheduler(args: argparse.Namespace, work: Path, jobs: int, load0: tuple[float, float, float]) -> None:
    """The same rows on the local process pool and on the Dask cluster, alternating, and the overhead per task."""
    runs: list[tuple[str, str, int, dict[str, Any]]] = []
    sets = [("no OCR", "rows.xlsx", "docs", False, args.rows)]
    if not args.skip_ocr:
        sets.append(("with OCR", "ocr.xlsx", "ocr-docs", True, args.ocr_rows))
    for label, xlsx, docs, check, n in sets:
        for where, sched in (("process pool", None), (f"Dask {args.scheduler}", args.scheduler)):
            tag = "dask" if sched else "pool"
            r = run_child({"xlsx": str(work / xlsx), "out": str(work / f"out-{tag}-{check}"),
                           "docs": str(work / docs), "jobs": jobs, "check": check, "scheduler": sched})
            runs.append((f"{label}, {where}", label, n, r))
    over = {where: run_child({"overhead": True, "jobs": jobs, "scheduler": sched, "tasks": 200})
            for where, sched in (("process pool", None), ("Dask", args.scheduler))}
    print()
    print(f"{'run':<32} {'rows':>5} {'s':>7} {'rows/min':>8} {'vs pool':>8} {'work CPU s/row':>14} "
          f"{'main CPU s/row':>14} {'overhead/chunk s':>16}  statuses")
    pool_of_set: dict[str, dict[str, Any]] = {}
    for name, label, n, r in runs:
        s = r["seconds"]
        ref = pool_of_set.setdefault(label, r)
        ratio = f"{ref['seconds'] / s * 100:.0f} %" if ref is not r else "100 %"
        per_chunk = f"{(s - ref['seconds']) / max(1, r['chunks']):.3f}" if ref is not r else ""
        print(f"{name:<32} {n:>5} {s:>7.1f} {60 * n / s:>8.1f} {ratio:>8} {r['work_cpu'] / n:>14.3f} "
              f"{r['main_cpu'] / n:>14.3f} {per_chunk:>16}  {r['statuses']}")
    print()
    for where, o in over.items():
        print(f"overhead per no-op task, {where}: {o['per_task_ms']:.2f} ms ({o['workers']} workers)")
    load1 = os.getloadavg()
    print(f"load average: {load0[0]:.1f} before, {load1[0]:.1f} after (1 min); 2 cores ⇒ > 2 means shared CPU")


if __name__ == "__main__":
    main()
