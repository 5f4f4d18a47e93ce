"""Row independence, worker faults, Ctrl-C and --resume (faults are injected; everything else is real)."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from batch_helpers import TODAY, brn, docs_folder, merchant
from pgdocs.batch.executor import SerialExecutor
from pgdocs.batch.model import RowResult
from pgdocs.batch.resume import output_hashes, still_valid
from pgdocs.batch.run import run_batch
from pgdocs.batch.template import DATA_SHEET, write_rows
from pgdocs.errors import InputError

LABELS_ONLY = ("labels",)


def _sheet(tmp_path: Path, n: int, *, docs: bool = False) -> tuple[Path, Path]:
    root = tmp_path / "docs"
    root.mkdir(exist_ok=True)
    rows = [merchant(100 + i, f"가게{i}", docs_dir=docs_folder(root, f"m{i}") if docs else None) for i in range(n)]
    return write_rows(tmp_path / "in.xlsx", rows), root


def test_fault_in_one_row_does_not_stop_the_others(tmp_path: Path) -> None:
    xlsx, _ = _sheet(tmp_path, 3)
    res = run_batch(xlsx, tmp_path / "out", what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY,
                    fault_row=5)
    status = {r.row: (r.result.status, r.result.codes) for r in res.rows if r.result}
    assert status[4][0] == "완료" and status[6][0] == "완료"
    assert status[5] == ("오류", ["BATCH_ROW_FAILED"])
    assert res.exit_code == 1
    assert len(PdfReader(res.labels_pdf).pages) == 1 if res.labels_pdf else False


class _CrashingExecutor(SerialExecutor):
    """Fakes a worker process dying on the chunk that holds row 5."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(item.row == 5 for item in args[0]):
            fut: Future[object] = Future()
            fut.set_exception(BrokenProcessPool("worker died"))
            return fut
        return super().submit(fn, *args, **kwargs)


def test_worker_crash_fails_only_its_rows(tmp_path: Path) -> None:
    xlsx, _ = _sheet(tmp_path, 3)
    res = run_batch(xlsx, tmp_path / "out", what=LABELS_ONLY, executor=_CrashingExecutor(), chunk_size=1,
                    today=TODAY)
    status = {r.row: r.result.status for r in res.rows if r.result}
    assert status == {4: "완료", 5: "오류", 6: "완료"}
    assert res.rows[1].result is not None and res.rows[1].result.codes == ["BATCH_WORKER_FAILED"]


def test_interrupt_then_resume_in_process(tmp_path: Path) -> None:
    xlsx, _ = _sheet(tmp_path, 3)
    out = tmp_path / "out"
    first = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), chunk_size=1, today=TODAY,
                      interrupt_after=1)
    assert first.interrupted and first.exit_code == 130
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["done"] == 1 and report["summary"]["pending"] == 2
    assert [r["status"] for r in report["rows"]] == ["완료", "중단됨", "중단됨"]
    with pytest.raises(InputError) as exc:
        run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY)
    assert exc.value.code == "OUTPUT_EXISTS"
    second = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), chunk_size=1, today=TODAY,
                       resume=True)
    assert (second.reused, second.processed, second.exit_code) == (1, 2, 0)
    third = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY, resume=True)
    assert (third.reused, third.processed) == (3, 0)
    # options are part of the hash: another channel means every row runs again
    fourth = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY, resume=True,
                       channel="post")
    assert fourth.processed == 3
    # a changed cell: only that row runs again
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[DATA_SHEET]
    headers = [c.value for c in ws[1]]
    ws.cell(row=5, column=headers.index("상호") + 1).value = "가게1 (새 이름)"
    wb.save(xlsx)
    fifth = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY, resume=True,
                      channel="post")
    assert [r.row for r in fifth.rows if r.result and not r.result.reused] == [5]


def test_changed_or_missing_output_is_not_reused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "0004_1").mkdir(parents=True)
    f = out / "0004_1" / "form.pdf"
    f.write_bytes(b"%PDF-1.7 fictional")
    prev = RowResult(4, "0004_1", outputs=["0004_1/form.pdf"], output_hashes=output_hashes(out, ["0004_1/form.pdf"]),
                     input_hash="abc")
    assert still_valid(prev, "abc", out)
    assert not still_valid(prev, "other-input", out)
    f.write_bytes(b"%PDF-1.7 edited")
    assert not still_valid(prev, "abc", out)
    f.unlink()
    assert not still_valid(prev, "abc", out)


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.mark.soffice
@pytest.mark.slow
def test_cli_ctrl_c_then_resume_does_not_redo_finished_rows(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    xlsx, root = _sheet(tmp_path, 4, docs=True)
    out = tmp_path / "OUT"
    args = ["batch", xlsx, "-o", out, "--docs-root", root, "--what", "forms,labels", "-j", "1", "--today", TODAY]
    first = run_cli(*args, env={"PGDOCS_BATCH_INTERRUPT_AFTER": "2"})
    assert first.returncode == 130, first.stderr
    assert "중단했습니다" in first.stderr and "Traceback" not in first.stderr
    assert "[1/4]" in first.stderr  # plain progress lines when stderr is not a terminal
    done = sorted(p.name for p in out.iterdir() if p.is_dir() and p.name[0].isdigit())
    assert done == [f"{r:04d}_{brn(100 + r - 4).replace('-', '')}" for r in (4, 5)]
    kept = {d: _mtimes(out / d) for d in done}
    assert all(any(n.endswith(".pdf") for n in files) for files in kept.values())
    wb = openpyxl.load_workbook(out / "report.xlsx")
    statuses = [r[-6].value for r in wb["결과"].iter_rows(min_row=2)]
    assert statuses == ["완료", "완료", "중단됨", "중단됨"]

    second = run_cli(*args, "--resume", "--format", "json")
    assert second.returncode == 0, second.stderr
    data = json.loads(second.stdout)
    assert (data["reused"], data["processed"]) == (2, 2)
    assert [r["reused"] for r in data["rows"]] == [True, True, False, False]
    for d, files in kept.items():
        assert _mtimes(out / d) == files  # untouched
    assert PdfReader(out / "labels.pdf").pages[0].extract_text().count("04117") == 4


def test_real_ctrl_c_stops_workers_and_reports_rows_done(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as a terminal's Ctrl-C does; then --resume finishes the rest."""
    import os
    import signal
    import subprocess
    import sys

    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(300 + i, f"신호{i}") for i in range(60)])
    out = tmp_path / "OUT"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgdocs", "batch", str(xlsx), "-o", str(out), "--what", "labels", "-j", "2",
         "--today", TODAY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # the first finished chunk
        assert first.startswith("[")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "중단했습니다" in err and "Traceback" not in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is True
    done, pending = report["summary"]["done"], report["summary"]["pending"]
    assert 0 < done < 60 and done + pending == 60
    assert not (out / ".work").exists()
    again = run_batch(xlsx, out, what=LABELS_ONLY, executor=SerialExecutor(), today=TODAY, resume=True)
    assert (again.reused, again.processed, again.exit_code) == (done, pending, 0)
