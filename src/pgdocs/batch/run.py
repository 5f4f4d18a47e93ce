"""``pgdocs batch``: the orchestrator. Read the workbook, skip rows ``--resume`` may keep, send chunks of rows to
a pool (:mod:`pgdocs.batch.executor`: local processes or a Dask cluster), collect each row's result as soon as its
worker publishes it, then write one ``labels.pdf`` for the rows going by post and ``report.xlsx`` /
``report.json`` in row order. Ctrl-C — or a Dask scheduler that goes away — stops the workers and still writes the
report for the rows done (and the resume state, so ``--resume`` continues from there)."""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.batch.executor import SCHEDULER_ENV, Pool, check_scheduler, default_jobs, make_pool, pool_of, process_pool
from pgdocs.batch.model import DONE, ERROR, REVIEW, STAGES, BatchOptions, RowResult, folder_name
from pgdocs.batch.reader import BatchInput, RowInput, read_batch
from pgdocs.batch.report import ReportMeta, ReportRow, report_dict, write_report_json, write_report_xlsx
from pgdocs.batch.resume import Journal, input_hash, load_state, save_state, still_valid
from pgdocs.batch.worker import ROWS_DIR, STOP_NAME, WORK_DIR, process_chunk
from pgdocs.errors import ExitCode, InputError, PgdocsError
from pgdocs.findings import Finding, FindingDict, Severity
from pgdocs.jsonio import Report
from pgdocs.labels.sheets import DEFAULT_SHEET
from pgdocs.text import nfc

if TYPE_CHECKING:
    from pgdocs.record import Business

log = logging.getLogger(__name__)

LABELS_NAME = "labels.pdf"
REPORT_XLSX = "report.xlsx"
REPORT_JSON = "report.json"
MAX_CHUNK = 25  #: rows per worker call: one LibreOffice start per chunk (progress is per row all the same)
POLL_SECONDS = 0.25  #: how often finished rows are picked up while chunks run

ProgressFn = Callable[[RowResult, int, int], None]  #: (result, rows done, rows total)
PoolFn = Callable[[int, str], None]  #: (workers, where): called once the pool is ready


class SchedulerLost(Exception):
    """The Dask scheduler went away during the run."""


@dataclass
class BatchResult:
    out: Path
    rows: list[ReportRow]
    meta: ReportMeta
    report_xlsx: Path
    report_json: Path
    labels_pdf: Path | None
    exit_code: int
    processed: int = 0  #: rows processed in this run (not reused)
    reused: int = 0
    workers: int = 0  #: rows that could run at once (0: nothing to process)
    where: str = ""  #: where they ran (``이 컴퓨터``, a scheduler address)
    scheduler_lost: bool = False
    findings: list[FindingDict] = field(default_factory=list)

    @property
    def interrupted(self) -> bool:
        return self.meta.interrupted

    def to_dict(self) -> Report:
        d = report_dict(self.rows, self.meta)
        d.update({"out": str(self.out), "report_xlsx": str(self.report_xlsx), "report_json": str(self.report_json),
                  "processed": self.processed, "reused": self.reused, "workers": self.workers,
                  "scheduler_lost": self.scheduler_lost})
        return d


def parse_what(value: str | Sequence[str]) -> tuple[str, ...]:
    parts = [p.strip().lower() for p in (value.split(",") if isinstance(value, str) else value) if p.strip()]
    bad = [p for p in parts if p not in STAGES]
    if bad or not parts:
        raise InputError("BATCH_WHAT_UNKNOWN",
                         f"--what 에 알 수 없는 항목이 있습니다: {', '.join(bad) or '(비어 있음)'}",
                         hint=f"쓸 수 있는 값: {','.join(STAGES)}")
    return tuple(s for s in STAGES if s in parts)


def chunk_rows(items: Sequence[RowInput], jobs: int, size: int | None = None) -> list[list[RowInput]]:
    """Split rows into chunks: few enough that LibreOffice starts rarely, enough to keep every worker busy."""
    if not items:
        return []
    n = size or max(1, min(MAX_CHUNK, math.ceil(len(items) / (jobs * 2))))
    return [list(items[i : i + n]) for i in range(0, len(items), n)]


def _check_out(out: Path, resume: bool) -> None:
    if out.exists() and not out.is_dir():
        raise InputError("OUTPUT_NOT_DIR", f"출력 위치가 폴더가 아니라 파일입니다: {out}")
    if out.is_dir() and any(out.iterdir()) and not resume:
        raise InputError("OUTPUT_EXISTS", f"출력 폴더가 비어 있지 않습니다: {out}",
                         hint="--resume 으로 이어서 처리하거나 다른(새) 폴더를 지정하세요.")


def _exit_code(rows: Sequence[ReportRow], interrupted: bool) -> int:
    if interrupted:
        return int(ExitCode.INTERRUPTED)
    statuses = {rr.result.status for rr in rows if rr.result is not None}
    if ERROR in statuses:
        return int(ExitCode.FINDINGS)
    if REVIEW in statuses:
        return int(ExitCode.REVIEW)
    return int(ExitCode.OK)


def _crashed(chunk: Sequence[RowInput], exc: BaseException, hashes: dict[int, str]) -> list[RowResult]:
    msg = f"작업 프로세스가 비정상 종료했습니다 ({type(exc).__name__}). 이 행들은 다시 실행하면 처리됩니다."
    return [
        RowResult(item.row, folder_name(item.row, item.business_digits), status=ERROR, input_hash="",
                  findings=[Finding("BATCH_WORKER_FAILED", "", Severity.ERROR, msg).to_dict()])
        for item in chunk
    ]


class LabelProblem(FindingDict):
    """A row whose label could not be set, in the batch's findings: the finding with its Excel row first."""

    row: int


def _render_labels(out: Path, results: dict[int, RowResult], sheet: str) -> tuple[Path | None, list[FindingDict]]:
    """One multi-page labels.pdf in row order; a row whose label cannot be set gets a finding, the rest print."""
    from pgdocs.labels import LabelEntry, render_labels

    target = out / LABELS_NAME
    per_row: list[tuple[RowResult, list[LabelEntry]]] = []
    for row in sorted(results):
        res = results[row]
        if res.label and res.status != ERROR:
            per_row.append((res, [LabelEntry(**e) for e in res.label["entries"]]))
    if not per_row:
        target.unlink(missing_ok=True)
        return None, []
    problems: list[FindingDict] = []  #: each with the Excel row (a LabelProblem)
    try:
        render_labels([e for _, es in per_row for e in es], target, sheet=sheet, title="pgdocs 일괄 처리 라벨")
        return target, problems
    except PgdocsError as exc:
        log.warning("labels for the whole batch failed (%s); finding the rows", exc.code)
    good: list[LabelEntry] = []
    with tempfile.TemporaryDirectory(prefix="pgdocs-labels-") as tmp:
        for res, entries in per_row:
            try:
                render_labels(entries, Path(tmp) / "probe.pdf", sheet=sheet)
                good.extend(entries)
            except PgdocsError as exc:
                f = Finding(exc.code, "labels", Severity.WARNING,
                            f"라벨을 만들 수 없습니다 (봉투에 직접 써 주세요): {exc.message}").to_dict()
                if not any(x.get("path") == "labels" and x["code"] == exc.code for x in res.findings):
                    res.findings.append(f)  # a reused row (--resume) already carries it
                if res.status == DONE:
                    res.status = REVIEW  # the envelope needs a hand-written label
                problem: LabelProblem = {"row": res.row, **f}
                problems.append(problem)
    if not good:
        target.unlink(missing_ok=True)
        return None, problems
    render_labels(good, target, sheet=sheet, title="pgdocs 일괄 처리 라벨")
    return target, problems


def run_batch(
    xlsx: str | Path,
    out: str | Path,
    *,
    docs_root: str | Path | None = None,
    what: str | Sequence[str] = STAGES,
    jobs: int | None = None,
    resume: bool = False,
    check: bool = True,
    channel: str = "auto",
    sheet: str | None = None,
    label_sheet: str = DEFAULT_SHEET,
    today: str | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: ProgressFn | None = None,
    on_pool: PoolFn | None = None,
    fault_row: int | None = None,
    interrupt_after: int | None = None,
    show_personal: bool = False,
    registry: str | None = None,
) -> BatchResult:
    """Run the batch.

    Where the rows run: ``scheduler`` (``tcp://HOST:8786`` or ``local:N``; default ``$PGDOCS_DASK_SCHEDULER``) for
    a Dask cluster, else a process pool of ``jobs``; or any ``concurrent.futures`` ``executor`` the caller made,
    with ``workers`` saying how many calls it runs at once. ``fault_row`` / ``interrupt_after`` are fault
    injections for tests: a failure inside one row, and a Ctrl-C after that many rows finished in this run.
    ``show_personal``: report.xlsx without masking (only for the person the data belongs to). ``registry``
    (``"status"`` / ``"validate"``, opt-in): ask the NTS registry about every row first, 100 numbers a call, answers
    cached in OUT for ``--resume``; its findings join each row's.
    """
    t0 = time.monotonic()
    out_dir = Path(nfc(str(out)))
    # default: documents are looked up next to the workbook
    root = Path(nfc(str(docs_root))) if docs_root is not None else Path(nfc(str(xlsx))).resolve().parent
    if not root.is_dir():
        raise InputError("BATCH_DOCS_ROOT_MISSING", f"서류 폴더(--docs-root)가 없습니다: {root}")
    if channel not in ("auto", "post", "email"):
        raise InputError("CHANNEL_UNKNOWN", f"알 수 없는 제출 방법입니다: {channel!r} (post, email, auto)")
    stages = parse_what(what)
    sched = scheduler or (os.environ.get(SCHEDULER_ENV) if executor is None else None)
    if sched:
        check_scheduler(sched)
    batch: BatchInput = read_batch(xlsx, sheet=sheet)
    _check_out(out_dir, resume)
    out_dir.mkdir(parents=True, exist_ok=True)
    opts = BatchOptions(out=out_dir.resolve(), docs_root=root.resolve(), what=stages, check=check,
                        channel=channel, today=today, fault_row=fault_row)
    nts = _ask_registry(batch.rows, out_dir, resume=resume, validate=registry == "validate") if registry else {}
    hashes = {item.row: input_hash(item, opts) for item in batch.rows}
    results, todo = _reuse_done(batch, out_dir, hashes, resume, progress)
    reused = len(results)

    pool = _open_pool(todo, executor, workers, jobs, sched, chunk_size)
    if pool is not None and on_pool is not None:
        on_pool(pool.workers, pool.where)
    run = _Collector(out_dir, results, len(batch.rows), progress, interrupt_after)
    interrupted, lost = _run_rows(pool, todo, opts, hashes, run, chunk_size)
    if interrupted:
        _drop_unreported(out_dir, batch.rows, results)

    labels_pdf: Path | None = None
    label_findings: list[FindingDict] = []
    if "labels" in stages:
        labels_pdf, label_findings = _render_labels(out_dir, results, label_sheet)
    save_state(out_dir, {r.folder: r for r in results.values() if r.input_hash})
    _add_registry(results, nts)  # after the state: the registry is asked (or its cache read) on every run
    rows = [ReportRow(item.row, item.values, results.get(item.row)) for item in batch.rows]
    meta = ReportMeta(
        input_name=Path(str(xlsx)).name, sheet=batch.sheet, template_version=batch.template_version,
        interrupted=interrupted, labels_pdf=LABELS_NAME if labels_pdf else None,
        findings=_run_findings(batch, label_findings, lost), skipped=batch.skipped,
        seconds=time.monotonic() - t0,
    )
    meta.exit_code = _exit_code(rows, interrupted)
    xlsx_path = write_report_xlsx(out_dir / REPORT_XLSX, batch.headers, rows, meta, columns=batch.columns,
                                  show_personal=show_personal)
    json_path = write_report_json(out_dir / REPORT_JSON, rows, meta)
    return BatchResult(out_dir, rows, meta, xlsx_path, json_path, labels_pdf, meta.exit_code,
                       processed=run.done_now, reused=reused, findings=meta.findings,
                       workers=pool.workers if pool is not None else 0,
                       where=pool.where if pool is not None else "", scheduler_lost=lost)


def _reuse_done(batch: BatchInput, out_dir: Path, hashes: dict[int, str], resume: bool,
                progress: ProgressFn | None) -> tuple[dict[int, RowResult], list[RowInput]]:
    """With ``--resume``: the rows whose input and outputs are unchanged (kept as they are), and the rows to run."""
    state = load_state(out_dir) if resume else {}
    results: dict[int, RowResult] = {}
    todo: list[RowInput] = []
    for item in batch.rows:
        prev = state.get(folder_name(item.row, item.business_digits))
        if prev is not None and still_valid(prev, hashes[item.row], out_dir):
            prev.reused = True
            results[item.row] = prev
            if progress:
                progress(prev, len(results), len(batch.rows))
        else:
            todo.append(item)
    _drop_stale(out_dir, state, {folder_name(i.row, i.business_digits) for i in batch.rows}, results)
    shutil.rmtree(out_dir / WORK_DIR, ignore_errors=True)  # a killed earlier run's leftovers (and its STOP)
    return results, todo


def _run_rows(pool: Pool | None, todo: list[RowInput], opts: BatchOptions, hashes: dict[int, str],
              run: _Collector, chunk_size: int | None) -> tuple[bool, bool]:
    """Run ``todo`` on ``pool``; (interrupted, scheduler lost). Whatever the end, nothing keeps running."""
    interrupted = lost = finished = False
    try:
        if pool is not None:
            _drive(pool, chunk_rows(todo, pool.workers, chunk_size), opts, hashes, run)
        finished = True
    except KeyboardInterrupt:
        interrupted = True
        log.info("interrupted: %d of %d rows done", len(run.results), run.total)
    except SchedulerLost:
        interrupted = lost = True
        log.info("Dask scheduler lost: %d of %d rows done", len(run.results), run.total)
    finally:
        if pool is not None:
            if finished:
                pool.close()
            else:  # Ctrl-C, a lost scheduler, or an error of our own: nothing may keep running
                _stop_pool(run.out, pool)
        run.take_streamed()  # rows published just before the end or the stop are kept
        run.journal.close()
        shutil.rmtree(run.out / WORK_DIR, ignore_errors=True)
    return interrupted, lost


def _run_findings(batch: BatchInput, label_findings: list[FindingDict], lost: bool) -> list[FindingDict]:
    out = [f.to_dict() for f in batch.findings] + label_findings
    if lost:
        out.append(Finding(
            "BATCH_SCHEDULER_LOST", "", Severity.ERROR,
            "Dask 스케줄러와 연결이 끊겨 처리를 멈췄습니다. 끝난 행까지 보고서를 썼습니다.",
            "스케줄러를 다시 띄운 뒤 --resume 을 붙여 다시 실행하면 남은 행을 이어서 처리합니다.").to_dict())
    return out


def _ask_registry(rows: Sequence[RowInput], out: Path, *, resume: bool, validate: bool) -> dict[int, list[Finding]]:
    """Registry findings per Excel row. A refused key or exhausted quota stops the batch before any row runs."""
    from pgdocs.record import record_from_dict
    from pgdocs.registry import Cache, check_businesses
    from pgdocs.registry.check import CACHE_NAME

    asked: list[tuple[int, Business]] = []
    for item in rows:
        try:
            asked.append((item.row, record_from_dict(item.data).business))
        except PgdocsError:
            continue  # the row's own processing reports what is wrong with it
    cache_path = out / CACHE_NAME
    if not resume:
        cache_path.unlink(missing_ok=True)
    found = check_businesses([b for _, b in asked], validate=validate, cache=Cache.load(cache_path))
    return {row: f for (row, _), f in zip(asked, found, strict=True)}


def _add_registry(results: dict[int, RowResult], nts: dict[int, list[Finding]]) -> None:
    for row, found in nts.items():
        res = results.get(row)
        if res is None:
            continue
        res.findings.extend(f.to_dict() for f in found)
        if any(f.severity is Severity.ERROR for f in found):
            res.status = ERROR
        elif any(f.severity is Severity.WARNING for f in found) and res.status == DONE:
            res.status = REVIEW


def _open_pool(todo: Sequence[RowInput], executor: Executor | None, workers: int | None, jobs: int | None,
               scheduler: str | None, chunk_size: int | None) -> Pool | None:
    if not todo:
        return None
    if executor is not None:
        return pool_of(executor, workers or jobs)
    if scheduler:
        return make_pool(jobs, scheduler=scheduler)
    n_jobs = jobs if jobs and jobs > 0 else default_jobs()
    return process_pool(min(n_jobs, len(chunk_rows(todo, n_jobs, chunk_size))))


def _stop_pool(out: Path, pool: Pool) -> None:
    """Tell workers to publish nothing more (``OUT/.work/STOP``: also a remote cluster sees it), then stop them."""
    from pgdocs.fsio import atomic_write_text

    try:
        (out / WORK_DIR).mkdir(parents=True, exist_ok=True)
        atomic_write_text(out / WORK_DIR / STOP_NAME, "stop\n")
    except OSError as exc:  # the stop goes on; only a remote worker may publish one more row
        log.warning("could not write the stop file: %s", exc)
    try:
        pool.stop()
    except Exception as exc:  # a lost cluster may fail to answer; nothing more to do
        log.warning("stopping the workers failed: %r", exc)


class _Collector:
    """Results as they arrive: per row from the workers' files, per chunk from the futures."""

    def __init__(self, out: Path, results: dict[int, RowResult], total: int, progress: ProgressFn | None,
                 interrupt_after: int | None) -> None:
        self.out = out
        self.results = results
        self.total = total
        self.progress = progress
        self.interrupt_after = interrupt_after
        self.final: set[int] = set()  #: rows whose chunk returned: a late file from a killed attempt is older
        self.done_now = 0
        self.journal = Journal(out)

    def take(self, res: RowResult, *, final: bool = False) -> None:
        if res.row in self.final:
            return
        new = res.row not in self.results or self.results[res.row].reused
        self.results[res.row] = res
        if final:
            self.final.add(res.row)
        if new:
            self.journal.add(res)
            self.done_now += 1
            if self.progress:
                self.progress(res, len(self.results), self.total)

    def take_streamed(self) -> None:
        folder = self.out / WORK_DIR / ROWS_DIR
        try:
            names = sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
        except OSError:
            return
        for path in names:
            try:
                res = RowResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError, AttributeError) as exc:
                log.warning("row result %s unreadable: %r", path.name, exc)
                continue
            path.unlink(missing_ok=True)
            self.take(res)

    def check_interrupt(self) -> None:
        if self.interrupt_after is not None and self.done_now >= self.interrupt_after \
                and len(self.results) < self.total:
            raise KeyboardInterrupt


def _drive(pool: Pool, chunks: list[list[RowInput]], opts: BatchOptions, hashes: dict[int, str],
           run: _Collector) -> None:
    # bounded submission: few chunks queued, so Ctrl-C loses little and a serial run stays in order
    window = 1 if pool.serial else 2 * pool.workers
    pending = deque(chunks)
    inflight: dict[Future[list[RowResult]], list[RowInput]] = {}
    while pending or inflight:
        while pending and len(inflight) < window:
            chunk = pending.popleft()
            try:
                fut = pool.executor.submit(process_chunk, chunk, opts, {i.row: hashes[i.row] for i in chunk})
            except Exception as exc:  # a broken pool refuses work: these rows fail, the report still comes
                if pool.lost():
                    raise SchedulerLost from exc
                log.info("could not submit rows %s: %r", [i.row for i in chunk], exc)
                for res in _crashed(chunk, exc, hashes):
                    run.take(res, final=True)
                continue
            inflight[fut] = chunk
        finished, _ = wait(inflight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        run.take_streamed()
        run.check_interrupt()
        for fut in sorted(finished, key=lambda f: inflight[f][0].row):
            chunk = inflight.pop(fut)
            try:
                got = fut.result()
            except CancelledError as exc:  # we cancel nothing while running: the cluster did
                raise SchedulerLost from exc
            except Exception as exc:  # a worker died (BrokenProcessPool, MemoryError …): only its rows fail
                if pool.lost():
                    raise SchedulerLost from exc
                log.info("worker failed on rows %s: %r", [i.row for i in chunk], exc)
                got = [r for r in _crashed(chunk, exc, hashes) if r.row not in run.results]
            for res in got:
                run.take(res, final=True)
            run.check_interrupt()
        if pool.lost():
            raise SchedulerLost


def _drop_unreported(out: Path, items: Sequence[RowInput], results: dict[int, RowResult]) -> None:
    """After Ctrl-C: a row a worker finished after the stop is not in the report, so its folder goes too."""
    for item in items:
        if item.row not in results:
            shutil.rmtree(out / folder_name(item.row, item.business_digits), ignore_errors=True)


def _drop_stale(out: Path, state: dict[str, RowResult], current: set[str], kept: dict[int, RowResult]) -> None:
    """Remove row folders an earlier run made for rows that no longer exist (only folders it recorded)."""
    keep = {r.folder for r in kept.values()}
    for folder in state:
        if folder not in current and folder not in keep and "/" not in folder and folder[:4].isdigit():
            shutil.rmtree(out / folder, ignore_errors=True)


__all__ = ["DONE", "ERROR", "REVIEW", "BatchResult", "chunk_rows", "parse_what", "run_batch"]
