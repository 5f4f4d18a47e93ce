"""Shared fixtures. Every fixture and sample is fictional."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pgdocs.jsonio import JSONObject
from pgdocs.jsonio import loads as json_loads

if TYPE_CHECKING:
    from cli_runner import RunCli, WriteRecord

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


def sample_record_dict(slug: str) -> JSONObject:
    data = json_loads((SAMPLES / slug / "record.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def write_record(tmp_path: Path) -> WriteRecord:
    """Write a record dict as JSON into tmp_path and return its path."""

    def _write(data: Mapping[str, object], name: str = "record.json", *, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.write_bytes(json.dumps(data, ensure_ascii=False, indent=2).encode(encoding))
        return p

    return _write


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``python -m pgdocs ARGS`` as a user would (tests/cli_runner.py); returns the completed process."""
    from cli_runner import run_process

    return run_process


# -- programs the marked tests need: probed once; outside CI a missing one skips with the reason, in CI
#    (CI=true) it fails the run, so a broken set-up never passes as "skipped"
def _probe_tesseract() -> str | None:
    import shutil

    exe = shutil.which(os.environ.get("PGDOCS_TESSERACT", "tesseract"))
    if exe is None:
        return "tesseract is not installed (make setup)"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    if "kor" not in langs.stdout:
        return "tesseract has no Korean data (tesseract-ocr-kor; make setup)"
    return None


def _probe_program(name: str, path: str | None = None) -> str | None:
    import shutil

    return None if (path and Path(path).exists()) or shutil.which(name) else f"{name} is not installed (make setup)"


_PROBES: dict[str, Callable[[], str | None]] = {
    "tesseract": _probe_tesseract,
    "soffice": lambda: _probe_program(os.environ.get("PGDOCS_SOFFICE", "soffice")),
    "browser": lambda: _probe_program("chromium", "/usr/bin/chromium"),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = {m for item in items for m in _PROBES if m in item.keywords}
    missing = {m: why for m in wanted if (why := _PROBES[m]()) is not None}
    if not missing:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        raise pytest.UsageError("CI needs every program the tests use: " + "; ".join(missing.values()))
    for item in items:
        for marker, why in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=why))
