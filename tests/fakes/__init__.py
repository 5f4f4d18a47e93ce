"""Fake programs for fault tests: the one place that writes them.

Real Tesseract and LibreOffice run everywhere else; a fake stands in only to simulate what the real program cannot be
made to do on demand (hang, crash, write nothing, lack Korean data) or to take a program away. Each fake is a small
``/bin/sh`` script written into a test's temporary folder and pointed at by the program's environment variable
(``PGDOCS_TESSERACT``, ``PGDOCS_SOFFICE``) or by ``PATH``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The start of every fake tesseract: answers ``--version`` and ``--list-langs`` like Tesseract 5.3 does.
_TESSERACT_HEAD = (
    '#!/bin/sh\ncase "$1" in\n  --version) echo "tesseract 5.3.0"; exit 0;;\n'
    '  --list-langs) printf "%s\\n" "List of available languages (4):" {langs}; exit 0;;\nesac\n'
)


def program(folder: Path, name: str, body: str) -> Path:
    """An executable ``/bin/sh`` script ``folder/name`` running ``body``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body.rstrip("\n") + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def tesseract(folder: Path, body: str, langs: str = "Hangul eng kor osd") -> Path:
    """A fake tesseract that reports version 5.3.0 and ``langs``, then runs ``body`` for a recognition call."""
    path = program(folder, "fake-tesseract", "")
    path.write_text(_TESSERACT_HEAD.replace("{langs}", langs) + body, encoding="utf-8")
    return path


def soffice(folder: Path, body: str) -> Path:
    """A fake soffice running ``body`` (``exit 0`` without writing a PDF, ``sleep``, a crash …)."""
    return program(folder, "fake-soffice", body)


def crashing(folder: Path, name: str, status: int = 99) -> Path:
    """A program that exits with ``status`` at once: stands in for one that must not be run at all."""
    return program(folder, name, f"exit {status}")


def path_without(name: str, farm: Path) -> str:
    """A PATH holding every program of the current one except ``name`` (symlinks in ``farm``)."""
    farm.mkdir()
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if not d or not Path(d).is_dir():
            continue
        for exe in Path(d).iterdir():
            target = farm / exe.name
            if exe.name != name and not target.exists() and not target.is_symlink():
                target.symlink_to(exe)
    return str(farm)
