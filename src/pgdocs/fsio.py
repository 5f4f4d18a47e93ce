"""Atomic output: a file or a folder appears whole or not at all."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pgdocs.errors import InputError

log = logging.getLogger(__name__)

#: a temporary ``.NAME.*.part`` folder older than this was left by a killed run (kill -9, power cut)
STALE_PART_SECONDS = 24 * 3600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _normal_mode(path: str | Path, *, directory: bool = False) -> None:
    """mkstemp/mkdtemp create 0600/0700; give outputs the mode a plain open() would (umask applied)."""
    os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _normal_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_output_file(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed onto ``path``.

    For writers that want a file name (reportlab, python-docx, LibreOffice).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if not tmp_path.exists() or tmp_path.stat().st_size == 0:
            raise InputError("OUTPUT_EMPTY", f"출력 파일이 만들어지지 않았습니다: {target.name}")
        _normal_mode(tmp_path)
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def remove_stale_parts(parent: Path, name: str, *, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Remove ``parent/.NAME.*.part`` folders (and ``.NAME.old``) untouched for ``older_than`` seconds.

    A run killed with ``kill -9`` cannot clean its temporary folder, which may hold personal documents;
    the next run for the same output removes it. Younger folders may belong to a run still going.
    """
    removed: list[Path] = []
    pattern = re.compile(rf"\.{re.escape(name)}\.(?:[A-Za-z0-9_]+\.part|old)")
    now = time.time()
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if not entry.is_dir() or entry.is_symlink() or now - entry.lstat().st_mtime < older_than:
                continue
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            removed.append(entry)
            log.info("removed a stale temporary folder left by an interrupted run: %s", entry.name)
    return removed


@contextlib.contextmanager
def atomic_output_dir(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it replaces ``path``.

    An existing ``path`` is refused unless ``overwrite`` is true (then it is
    replaced only after the new folder is complete). On failure nothing is left.
    """
    target = Path(os.path.abspath(path))  # "." and ".." have no name to rename
    cwd = Path.cwd()
    if target == cwd or target in cwd.parents:
        raise InputError(
            "OUTPUT_IS_CWD",
            f"지금 있는 폴더(또는 그 상위 폴더)는 출력 폴더로 쓸 수 없습니다: {path}",
            hint="새 폴더 이름을 지정하세요 (예: -o out).",
        )
    if target.exists() and not overwrite:
        raise InputError(
            "OUTPUT_EXISTS",
            f"출력 폴더가 이미 있습니다: {Path(path)}",
            hint="다른 폴더를 지정하거나 --overwrite 를 쓰세요.",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target.parent, target.name)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        _normal_mode(tmp, directory=True)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
