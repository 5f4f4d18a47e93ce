"""What one worker does with a chunk of rows (runs in a worker process; everything in and out is picklable).

Per chunk, in three phases so LibreOffice starts once per chunk, not once per row:

1. per row: record from the cells, validation, the rulebook case and channel, the application form (.docx);
2. one :func:`pgdocs.office.to_pdf` call for every form of the chunk (on failure: one file at a time, so one
   broken row cannot take the others down);
3. per row: the packet (with the ready form), the label entries, then the row folder is moved into ``OUT``
   in one rename (a row's output appears whole or not at all), and the row's result is dropped as a small JSON
   file into ``OUT/.work/rows/`` — the orchestrator reads these while the chunk runs, so progress and the resume
   state advance per row, not per chunk.

Every row is independent: any error becomes that row's finding and status. A missing program on the worker
(Tesseract, LibreOffice, a font) is that row's ``MISSING_DEPENDENCY`` naming the computer, so one badly set-up
cluster worker cannot stop a batch. Before publishing a row the worker looks for ``OUT/.work/STOP`` (written by
the orchestrator on Ctrl-C or when the scheduler is lost): once it is there, no further row appears in ``OUT``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import resource
import shutil
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.batch.model import DONE, ERROR, REVIEW, BatchOptions, RowResult
from pgdocs.batch.reader import RowInput
from pgdocs.errors import ExitCode, MissingDependencyError, PgdocsError
from pgdocs.findings import Finding, FindingDict, Severity
from pgdocs.fsio import atomic_write_text, output_error

if TYPE_CHECKING:
    from pgdocs.record import MerchantRecord
    from pgdocs.rulebook import Case

log = logging.getLogger(__name__)

WORK_DIR = ".work"
ROWS_DIR = "rows"  #: OUT/.work/rows/: one JSON per finished row, read (and removed) by the orchestrator
STOP_NAME = "STOP"  #: OUT/.work/STOP: the run has stopped, publish nothing more
FORM_STEM = "01_id_add_form"


@dataclass
class _Row:
    item: RowInput
    result: RowResult
    tmp: Path
    started: float
    record: MerchantRecord | None = None
    case: Case | None = None
    docx: Path | None = None
    pdf: Path | None = None
    extra: list[str] = field(default_factory=list)


def _finding(code: str, message: str, *, severity: Severity = Severity.ERROR, path: str = "",
             hint: str | None = None) -> FindingDict:
    return Finding(code, path, severity, message, hint).to_dict()


def worker_name() -> str:
    """``host:pid`` of this worker process (resume state; not in the report)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _fail(row: _Row, err: BaseException) -> None:
    res = row.result
    if isinstance(err, MissingDependencyError):
        if not any(f["code"] == "MISSING_DEPENDENCY" for f in res.findings):
            res.findings.append(_finding(
                "MISSING_DEPENDENCY",
                f"이 행을 처리한 컴퓨터({socket.gethostname()})에 필요한 프로그램이 없습니다: {err.message} "
                f"[{err.code}]", hint=err.hint))
        res.status = ERROR
    elif isinstance(err, PgdocsError):
        details = err.details if isinstance(err.details, dict) else {}
        msgs = details.get("errors") if isinstance(details.get("errors"), list) else None
        if msgs:
            for m in msgs:
                res.findings.append(_finding(err.code, str(m), hint=err.hint))
        else:
            res.findings.append(_finding(err.code, err.message, hint=err.hint))
        res.status = REVIEW if err.exit_code == ExitCode.REVIEW else ERROR
    elif isinstance(err, OSError) and (known := output_error(err, err.filename or "")) is not None:
        res.findings.append(_finding(known.code, known.message, hint=known.hint))
        res.status = ERROR
    else:
        log.info("row %d failed", res.row, exc_info=True)  # the traceback only with -v
        res.findings.append(_finding("BATCH_ROW_FAILED",
                                     f"이 행을 처리하다 예기치 못한 오류가 났습니다: {type(err).__name__}: {err}"))
        res.status = ERROR


def _today(opts: BatchOptions) -> dt.date:
    return dt.date.fromisoformat(opts.today) if opts.today else dt.date.today()


def _docs_base(item: RowInput, opts: BatchOptions) -> Path | None:
    """The folder explicit document paths are relative to: the row's 서류 폴더, else the docs root."""
    if opts.docs_root is None:
        return None
    return opts.docs_root / item.docs_dir if item.docs_dir else opts.docs_root


def _discovery_dir(item: RowInput, opts: BatchOptions) -> Path | None:
    """Where documents are recognised by file name: only the row's own 서류 폴더, never a shared root
    (another merchant's 사업자등록증 must not be picked up)."""
    return opts.docs_root / item.docs_dir if opts.docs_root is not None and item.docs_dir else None


def _prepare(row: _Row, opts: BatchOptions) -> None:
    """Phase 1: record, validation, case, form .docx."""
    from pgdocs.record import record_from_dict
    from pgdocs.rulebook import choose_channel, resolve_case
    from pgdocs.validate import validate_record

    item, res = row.item, row.result
    res.findings.extend(f.to_dict() for f in item.findings)
    if opts.fault_row == item.row:
        raise RuntimeError("시험용 고장 (fault injection)")
    base = _docs_base(item, opts)
    if base is not None and item.docs_dir and not base.is_dir():
        res.findings.append(_finding("BATCH_DOCS_DIR_MISSING", f"서류 폴더가 없습니다: {item.docs_dir}",
                                     path="_docs_dir"))
    record = record_from_dict(item.data, base_dir=base or Path.cwd())
    res.business_name = record.business.business_name
    res.business_number = record.business.business_number
    found = validate_record(record, today=_today(opts))
    res.findings.extend(f.to_dict() for f in found)
    if any(f["severity"] == "error" for f in res.findings):
        res.status = ERROR
        return
    row.record = record
    case = resolve_case(record, _today(opts))
    row.case = case
    res.case_id = case.case_id
    if case.mail_channels:
        res.channel = choose_channel(case, opts.channel, record)
    else:
        res.findings.append(_finding(
            "BATCH_NO_PAPERWORK", f"{case.title}: 서류를 우편·이메일로 보내지 않는 경우입니다 (pgdocs plan 참고).",
            severity=Severity.INFO))
    generator = next((spec.form for spec in case.documents_for(record.business.entity) if spec.form), None)
    if generator and res.channel and ("forms" in opts.what or "packets" in opts.what):
        from pgdocs.rulebook.hooks import form_filler

        row.docx = form_filler(generator)(record, row.tmp / f"{FORM_STEM}.docx", today=_today(opts)).docx


def _convert(rows: list[_Row]) -> None:
    """Phase 2: every form of the chunk to PDF in one LibreOffice run."""
    from pgdocs.office import to_pdf

    todo = [r for r in rows if r.docx is not None and r.result.status != ERROR]
    if not todo:
        return
    try:
        pdfs = to_pdf([r.docx for r in todo if r.docx is not None])
        for r, pdf in zip(todo, pdfs, strict=True):
            r.pdf = pdf
        return
    except PgdocsError as exc:
        if len(todo) == 1:
            _fail(todo[0], exc)
            return
        log.warning("batched conversion failed (%s); converting one at a time", exc.code)
    for r in todo:
        try:
            r.pdf = to_pdf([r.docx])[0] if r.docx is not None else None
        except PgdocsError as exc:
            _fail(r, exc)


def _finish(row: _Row, opts: BatchOptions) -> None:
    """Phase 3: packet and label entries."""
    res, record, case = row.result, row.record, row.case
    if res.status == ERROR or record is None or case is None or res.channel is None:
        return
    form = (row.docx, row.pdf) if row.docx is not None and row.pdf is not None else None
    if "packets" in opts.what:
        from pgdocs.packet import build_packet

        packet = build_packet(record, row.tmp / "packet", docs_dir=_discovery_dir(row.item, opts), channel=res.channel,
                              check=opts.check, today=_today(opts), form=form, root=opts.docs_root)
        for w in packet.warnings:
            res.findings.append(_finding("PACKET_WARNING", str(w), severity=Severity.WARNING))
        for kind, check in packet.checks.items():
            verdict = check.get("verdict")
            if verdict in ("review", "fail"):
                reasons = "; ".join(str(x) for x in check.get("reasons", [])) or verdict
                res.findings.append(_finding(
                    "BATCH_CHECK_REVIEW" if verdict == "review" else "BATCH_CHECK_FAILED",
                    f"{kind} 확인: {reasons}", severity=Severity.WARNING if verdict == "review" else Severity.ERROR))
        if packet.needs_review:
            res.status = REVIEW
        for made in (row.docx, row.pdf):  # the packet holds its own copy of the form
            if made is not None:
                made.unlink(missing_ok=True)
    elif "forms" not in opts.what and row.docx is not None:
        row.docx.unlink(missing_ok=True)
    if "labels" in opts.what and res.channel == "post":
        from pgdocs.labels import recipient_entry, sender_entry

        entries = [recipient_entry(case)]
        with contextlib.suppress(PgdocsError):  # the sender label needs the merchant address; optional
            entries.append(sender_entry(record))
        res.label = {"entries": [e.to_dict() for e in entries]}


def stopped(out: Path) -> bool:
    """True once the orchestrator has stopped this run (``OUT/.work/STOP``, or ``OUT/.work`` removed)."""
    work = out / WORK_DIR
    return (work / STOP_NAME).exists() or not work.is_dir()


def _publish(row: _Row, out: Path) -> None:
    """Move the finished row folder into ``OUT`` in one rename; an error row leaves no folder."""
    res = row.result
    target = out / res.folder
    old = out / WORK_DIR / f"old-{uuid.uuid4().hex}"
    if target.exists():
        os.replace(target, old)
    if res.status != ERROR and row.tmp.exists() and any(row.tmp.iterdir()):
        os.replace(row.tmp, target)
        files = sorted(p for p in target.rglob("*") if p.is_file())
        res.outputs = [p.relative_to(out).as_posix() for p in files]
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(row.tmp, ignore_errors=True)


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _stream(row: _Row, out: Path) -> None:
    """Drop the finished row's result where the orchestrator picks it up (one atomic file per row)."""
    rows = out / WORK_DIR / ROWS_DIR
    rows.mkdir(parents=True, exist_ok=True)
    name = f"{row.result.row:07d}.{uuid.uuid4().hex[:12]}.json"
    atomic_write_text(rows / name, json.dumps(row.result.to_dict(), ensure_ascii=False, default=str))


def process_chunk(items: list[RowInput], opts: BatchOptions, hashes: dict[int, str]) -> list[RowResult]:
    """Process ``items`` (one worker's share); never raises for a row's own failure.

    Returns the rows' results in order; rows not published because the run was stopped meanwhile are left out.
    """
    from pgdocs.batch.model import folder_name
    from pgdocs.batch.resume import output_hashes

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cpu0 = _cpu()
    who = worker_name()
    work = opts.out / WORK_DIR / uuid.uuid4().hex
    work.mkdir(parents=True, exist_ok=True)
    rows: list[_Row] = []
    done: list[_Row] = []
    try:
        for item in items:
            folder = folder_name(item.row, item.business_digits)
            tmp = work / folder
            tmp.mkdir()
            row = _Row(item, RowResult(item.row, folder, input_hash=hashes.get(item.row, ""), worker=who), tmp,
                       time.monotonic())
            try:
                _prepare(row, opts)
            except Exception as exc:
                _fail(row, exc)
            rows.append(row)
        _convert(rows)
        shared_cpu = (_cpu() - cpu0) / max(1, len(rows))  # phases 1 and 2, split evenly
        for row in rows:
            t0, c0 = time.monotonic(), _cpu()
            try:
                _finish(row, opts)
            except Exception as exc:
                _fail(row, exc)
            if stopped(opts.out):
                break  # the run is over: nothing more appears in OUT
            _publish(row, opts.out)
            res = row.result
            res.output_hashes = output_hashes(opts.out, res.outputs)
            res.seconds = round(time.monotonic() - t0, 3)
            res.cpu_seconds = round(shared_cpu + _cpu() - c0, 3)
            res.worker_peak_mb = round(_peak_mb(), 1)
            if res.status == DONE and any(f.get("severity") == "error" for f in res.findings):
                res.status = ERROR
            _stream(row, opts.out)
            done.append(row)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [r.result for r in done]


def _peak_mb() -> float:
    """Peak RSS of this worker or of its largest child (LibreOffice, Tesseract) so far, in MB (Linux: KiB)."""
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
