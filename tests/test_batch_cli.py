"""pgdocs batch through the CLI: exit codes, one-line Korean errors, JSON output (no LibreOffice needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_helpers import TODAY, merchant
from pgdocs.batch.template import write_rows


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_rows(tmp_path / "in.xlsx", [merchant(201, "라벨상점"), merchant(202, "둘째상점")])


def test_labels_only_json(sheet: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "OUT"
    proc = run_cli("batch", sheet, "-o", out, "--what", "labels", "-j", "1", "--today", TODAY, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"] == {"done": 2, "review": 0, "error": 0, "pending": 0, "total": 2}
    assert data["labels_pdf"] == "labels.pdf" and (out / "labels.pdf").is_file()
    assert (out / "report.xlsx").is_file() and (out / "report.json").is_file()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["--what", "forms,coffee"], "BATCH_WHAT_UNKNOWN", id="bad-what"),
        pytest.param(["--docs-root", "/nonexistent/pgdocs-docs"], "BATCH_DOCS_ROOT_MISSING", id="docs-root-missing"),
    ],
)
def test_usage_errors(sheet: Path, tmp_path: Path, run_cli, args: list[str], code: str) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("batch", sheet, "-o", tmp_path / "OUT", *args)
    assert proc.returncode == 2
    assert f"오류 [{code}]" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "OUT").exists()


def test_not_an_xlsx(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "merchants.xlsx"
    bad.write_text("사업자등록번호,상호\n1,2\n", encoding="utf-8")
    proc = run_cli("batch", bad, "-o", tmp_path / "OUT", "--format", "json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["code"] == "BATCH_NOT_XLSX"
    assert not (tmp_path / "OUT").exists()


def test_non_empty_out_needs_resume(sheet: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "OUT"
    out.mkdir()
    (out / "keep.txt").write_text("someone's file", encoding="utf-8")
    proc = run_cli("batch", sheet, "-o", out, "--what", "labels")
    assert proc.returncode == 2 and "오류 [OUTPUT_EXISTS]" in proc.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "someone's file"
