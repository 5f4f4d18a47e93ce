"""One way to run the CLI in a test, with one reading of its exit status.

``main()`` ends either by returning (a command that finished) or by ``SystemExit`` (an error, a verdict's code, a
``ctx.exit``); both become ``Result.code`` the way a shell sees them: no exit or ``SystemExit(None)`` is 0, an int
is itself, a message (``SystemExit("...")``) is 1. :func:`invoke` runs in-process (fast, capsys sees the output);
:func:`run_process` starts ``python -m pgdocs`` as a user would (stdin, signals, a fresh interpreter).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import NamedTuple, Protocol


class Result(NamedTuple):
    """(exit status, stdout, stderr): unpacks like the tuples the old helpers returned."""

    code: int
    out: str
    err: str


class RunCli(Protocol):
    """:func:`run_process`, as the ``run_cli`` fixture hands it out."""

    def __call__(self, *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 300) -> subprocess.CompletedProcess[str]: ...


class WriteRecord(Protocol):
    """The ``write_record`` fixture: a record dict written as JSON into the test's folder; returns its path."""

    def __call__(self, data: Mapping[str, object], name: str = "record.json", *, encoding: str = "utf-8") -> Path: ...


def exit_status(code: object) -> int:
    """The shell's exit status for ``SystemExit(code)`` or for ``main()`` returning ``code``."""
    if code is None or code is False:
        return 0
    if isinstance(code, int):
        return code
    return 1


def invoke(*args: str | os.PathLike[str]) -> Result:
    """Run ``pgdocs ARGS`` in this process; the output is captured here (not left for capsys)."""
    from pgdocs.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            rv = main([str(a) for a in args])
            code = exit_status(rv if isinstance(rv, int) else None)
        except SystemExit as exc:
            code = exit_status(exc.code)
    return Result(code, out.getvalue(), err.getvalue())


def run_process(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pgdocs ARGS`` as a user would; ``env`` adds to this process's environment, from which a
    developer's NTS key (``PGDOCS_NTS_*``) is removed first: no test may reach the real registry by accident."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("PGDOCS_NTS")}
    return subprocess.run(
        [sys.executable, "-m", "pgdocs", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout, env={**base, **(env or {})}, check=False,
    )
