"""Atomic output: a file or a folder appears whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from pgdocs.errors import InputError, PgdocsError

log = logging.getLogger(__name__)

#: a temporary ``.NAME.*.part`` folder older than this was left by a killed run (kill -9, power cut)
STALE_PART_SECONDS = 24 * 3600


#: errno values that mean "the disk is full" (ENOSPC) or "over quota" (EDQUOT)
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
#: errno values that mean "this place cannot be written"
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG}


def output_error(exc: OSError, target: str | os.PathLike[str]) -> PgdocsError | None:
    """The Korean error for a failed write of ``target`` (DISK_FULL, OUTPUT_UNWRITABLE), or None for other errors."""
    name = Path(target).name or str(target)
    if exc.errno in _FULL:
        return InputError("DISK_FULL", f"디스크에 빈 공간이 없어 저장하지 못했습니다: {name}",
                          hint="결과 폴더가 있는 디스크에서 필요 없는 파일(예전 결과 폴더, 휴지통)을 지우고 "
                               "다시 하세요. "
                               "쓰다 만 파일은 남기지 않았습니다.")
    if exc.errno in _UNWRITABLE:
        what = "폴더" if exc.errno in (errno.EISDIR, errno.EEXIST) else "위치"
        return InputError("OUTPUT_UNWRITABLE", f"결과를 쓸 수 없는 {what}입니다: {target}",
                          hint="다른 파일 이름이나 쓰기 권한이 있는 폴더를 지정하세요.")
    return None


def _raise_output(exc: OSError, target: str | os.PathLike[str]) -> NoReturn:
    err = output_error(exc, target)
    if err is None:
        raise exc
    raise err from None


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
    if target.is_dir():
        raise InputError("OUTPUT_UNWRITABLE", f"결과 파일 자리에 같은 이름의 폴더가 있습니다: {target}",
                         hint="파일 이름까지 적어 주세요 (예: 폴더/report.xml).")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        _raise_output(exc, target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _normal_mode(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            _raise_output(exc, target)
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
    if target.is_dir():
        raise InputError("OUTPUT_UNWRITABLE", f"결과 파일 자리에 같은 이름의 폴더가 있습니다: {target}",
                         hint="파일 이름까지 적어 주세요.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        _raise_output(exc, target)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if not tmp_path.exists() or tmp_path.stat().st_size == 0:
            raise InputError("OUTPUT_EMPTY", f"출력 파일이 만들어지지 않았습니다: {target.name}")
        _normal_mode(tmp_path)
        os.replace(tmp_path, target)
    except OSError as exc:
        _raise_output(exc, target)
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
