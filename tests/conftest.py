"""Shared fixtures. Every fixture and sample is fictional."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


def sample_record_dict(slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / slug / "record.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def write_record(tmp_path: Path) -> Callable[..., Path]:
    """Write a record dict as JSON into tmp_path and return its path."""

    def _write(data: dict[str, Any], name: str = "record.json", *, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.write_bytes(json.dumps(data, ensure_ascii=False, indent=2).encode(encoding))
        return p

    return _write


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m pgdocs ARGS`` as a user would; returns the completed process."""

    def _run(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
             timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pgdocs", *map(str, args)],
            capture_output=True, text=True, cwd=cwd, timeout=timeout,
            env={**os.environ, **(env or {})},
            check=False,
        )

    return _run
