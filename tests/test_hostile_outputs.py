"""Hostile inputs and failing disks (issue 14 items 9 and 10): one Korean line with a stable code, the documented
exit code, no traceback, no ``[INTERNAL]``, no English log line, nothing half-written.

A full disk is simulated by a fault injected at the file layer (``tempfile.mkstemp`` raising ENOSPC) — the only
fake here; every command runs for real. All records are fictional.
"""

from __future__ import annotations

import errno
import json
import subprocess
from pathlib import Path

import pytest

from batch_helpers import base_record
from cli_runner import RunCli, run_process
from pgdocs.jsonio import JSONValue
from report_read import obj

Run = RunCli


def _clean(res: subprocess.CompletedProcess[str]) -> None:
    both = res.stdout + res.stderr
    assert "Traceback" not in both and "[INTERNAL]" not in both, both
    assert not any(line.startswith(("WARNING ", "ERROR ", "INFO ")) for line in res.stderr.splitlines()), res.stderr


def _record(folder: Path, data: object | None = None, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "record.json"
    path.write_text(text if text is not None else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


DEEP = "[" * 100_000 + "]" * 100_000
NESTED_900 = '{"business": ' + "[" * 900 + "]" * 900 + "}"


@pytest.mark.parametrize("text", [pytest.param(DEEP, id="100k-deep"), pytest.param(NESTED_900, id="900-deep")])
def test_deeply_nested_record(tmp_path: Path, text: str) -> None:
    rec = _record(tmp_path / "m", text=text)
    res = run_process("validate", rec, cwd=tmp_path)
    _clean(res)
    assert res.returncode == 2 and "[RECORD_BAD_JSON]" in res.stderr
    lint = run_process("lint", tmp_path, "--no-ocr", cwd=tmp_path)
    _clean(lint)
    assert lint.returncode == 1 and "깊게" in lint.stdout
    info = run_process("verify", tmp_path / "none.png", "--info", rec, cwd=tmp_path)
    _clean(info)
    assert info.returncode == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("opening_date", [2021, 3, 2], id="date-as-list"),
        pytest.param("opening_date", {"y": 2021}, id="date-as-object"),
        pytest.param("entity", True, id="entity-bool"),
        pytest.param("business_name", ["하늘"], id="name-list"),
    ],
)
def test_schema_messages_are_korean(tmp_path: Path, field: str, value: JSONValue) -> None:
    data = base_record()
    obj(data, "business")[field] = value
    res = run_process("validate", _record(tmp_path, data), cwd=tmp_path)
    _clean(res)
    assert res.returncode == 2 and "[RECORD_SCHEMA]" in res.stderr
    for english in ("Input should", "valid date", " or ", "type="):
        assert english not in res.stderr


def test_junit_onto_a_directory_is_output_unwritable(tmp_path: Path) -> None:
    _record(tmp_path / "m", base_record())
    (tmp_path / "junit.xml").mkdir()
    res = run_process("lint", tmp_path / "m", "--no-ocr", "--junit", tmp_path / "junit.xml", cwd=tmp_path)
    _clean(res)
    assert res.returncode == 2 and "[OUTPUT_UNWRITABLE]" in res.stderr
    assert not list(tmp_path.glob(".junit*"))  # no temporary file left beside it


def test_junit_under_a_file_is_output_unwritable(tmp_path: Path) -> None:
    _record(tmp_path / "m", base_record())
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    res = run_process("lint", tmp_path / "m", "--no-ocr", "--junit", tmp_path / "afile" / "junit.xml", cwd=tmp_path)
    _clean(res)
    assert res.returncode == 2 and "[OUTPUT_UNWRITABLE]" in res.stderr


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)


def test_disk_full_is_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli_runner import invoke

    _record(tmp_path / "m", base_record())
    out = tmp_path / "junit.xml"
    _full_disk(monkeypatch)
    code, _, err = invoke("lint", tmp_path / "m", "--no-ocr", "--junit", out)
    assert code == 2 and "[DISK_FULL]" in err and "Traceback" not in err and "지우고" in err
    assert not out.exists()


def test_disk_full_in_a_batch_row_is_a_row_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row whose write hits a full disk reports DISK_FULL in its row, not a traceback or BATCH_ROW_FAILED."""
    from pgdocs.batch import worker
    from pgdocs.batch.model import RowResult
    from pgdocs.batch.reader import RowInput

    res = RowResult(row=3, folder="0003_1234567890")
    row = worker._Row(RowInput(3, [], {}), res, tmp_path, 0.0)
    worker._fail(row, OSError(errno.ENOSPC, "No space left on device", "/x/01_id_add_form.pdf"))
    assert res.status == "오류" and [f["code"] for f in res.findings] == ["DISK_FULL"]
