"""``pgdocs samples certificates|bankbooks`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import RunCli

RunCli = RunCli


def test_certificates_writes_files_and_prints_a_summary(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "certs"
    proc = run_cli(
        "samples",
        "certificates",
        "-o",
        out,
        "--count",
        "3",
        "--seed",
        "4",
        "--variants",
        "clean,textpdf",
        "--kinds",
        "corporation_head",
    )
    assert proc.returncode == 0, proc.stderr
    assert "사업자등록증 3건을 만들었습니다" in proc.stdout
    assert "corporation_head" in proc.stdout
    truths = sorted(out.glob("*.truth.json"))
    assert len(truths) == 3
    for t in truths:
        data = json.loads(t.read_text(encoding="utf-8"))
        assert (out / data["file"]).is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp leftovers


def test_certificates_json_output(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "c"
    out.mkdir()  # an existing EMPTY folder is accepted
    proc = run_cli(
        "samples", "certificates", "-o", out, "--count", "1", "--variants", "textpdf", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["count"] == 1 and data["files"][0]["variant"] == "textpdf"
    assert Path(data["files"][0]["file"]).suffix == ".pdf"


def test_existing_output_needs_overwrite(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "c"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    proc = run_cli("samples", "certificates", "-o", out, "--count", "1", "--variants", "textpdf")
    assert proc.returncode == 2
    assert "OUTPUT_EXISTS" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "keep.txt").exists()
    proc = run_cli(
        "samples", "certificates", "-o", out, "--count", "1", "--variants", "textpdf", "--overwrite"
    )
    assert proc.returncode == 0, proc.stderr
    assert not (out / "keep.txt").exists() and len(list(out.glob("*.pdf"))) == 1


def test_bad_variant_is_a_usage_error_and_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "bad"
    proc = run_cli("samples", "certificates", "-o", out, "--variants", "clean,polaroid")
    assert proc.returncode == 2
    assert "SAMPLES_BAD_VARIANT" in proc.stderr and "polaroid" in proc.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_bankbooks(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "b"
    proc = run_cli(
        "samples",
        "bankbooks",
        "-o",
        out,
        "--count",
        "2",
        "--variants",
        "clean",
        "--banks",
        "국민,토스뱅크",
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [f["kind"] for f in data["files"]] == ["KB국민은행", "토스뱅크"]
    truth = json.loads(Path(data["files"][1]["truth"]).read_text(encoding="utf-8"))
    assert truth["bank_code"] == "092" and len(truth["number"].split("-")) == 3


def test_output_that_is_a_file_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    proc = run_cli("samples", "certificates", "-o", target, "--count", "1")
    assert proc.returncode == 2 and "OUTPUT_NOT_DIR" in proc.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_nfd_bank_name_is_understood(run_cli: RunCli, tmp_path: Path) -> None:
    import unicodedata

    proc = run_cli(
        "samples",
        "bankbooks",
        "-o",
        tmp_path / "b",
        "--count",
        "1",
        "--variants",
        "clean",
        "--banks",
        unicodedata.normalize("NFD", "하나은행"),
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["kind"] == "하나은행"
