"""Headless LibreOffice behind one wrapper: .docx/.doc → PDF, .doc → .docx.

One ``soffice`` run converts many files (start-up dominates: ~2 s per run), with
an isolated profile directory per process (parallel runs sharing a profile fail
silently), an argv list, a timeout that kills the whole process group, and a
check that every output exists (LibreOffice can exit 0 without writing).
Fontconfig aliases map 맑은 고딕/굴림/바탕 to the Nanum fonts (``data/fonts.conf``).
Facts: docs/forms.md#duplicate-core-xml, #libreoffice, #fonts.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pgdocs.errors import ExternalToolError, InputError, MissingDependencyError
from pgdocs.fsio import atomic_write_bytes
from pgdocs.resources import data_path

log = logging.getLogger(__name__)

SOFFICE_ENV = "PGDOCS_SOFFICE"
INSTALL_HINT = "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-nanum (또는 make setup)"
DEFAULT_TIMEOUT = 120.0
Format = Literal["pdf", "docx", "doc"]
_FILTERS: dict[str, str] = {
    "pdf": "pdf:writer_pdf_Export",
    "docx": "docx:MS Word 2007 XML",
    "doc": "doc:MS Word 97",  # used to make legacy test fixtures
}
_INPUTS = {".doc", ".docx", ".odt", ".rtf"}
_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
)

#: The relationship type LibreOffice writes for core properties (wrong) and the standard one.
LO_CORE_REL = b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
STD_CORE_REL = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def find_soffice() -> str:
    """The soffice executable: ``$PGDOCS_SOFFICE`` or the first one found.

    Raises :class:`MissingDependencyError` ``SOFFICE_MISSING`` (exit 4).
    """
    override = os.environ.get(SOFFICE_ENV)
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        raise MissingDependencyError(
            "SOFFICE_MISSING",
            f"{SOFFICE_ENV}에 지정한 LibreOffice(soffice)를 실행할 수 없습니다: {override}",
            hint=INSTALL_HINT,
        )
    for cand in _CANDIDATES:
        found = shutil.which(cand)
        if found:
            return found
    raise MissingDependencyError(
        "SOFFICE_MISSING",
        "PDF/문서 변환에 필요한 LibreOffice(soffice)가 설치되어 있지 않습니다.",
        hint=INSTALL_HINT,
    )


PROFILE_PREFIX = "pgdocs-lo-"
_profile_lock = threading.Lock()
_run_lock = threading.Lock()  # one soffice per profile at a time
_profiles: dict[int, Path] = {}


def profile_dir() -> Path:
    """This process's private LibreOffice profile, created once and reused (removed at exit)."""
    pid = os.getpid()
    with _profile_lock:
        p = _profiles.get(pid)
        if p is None or not p.exists():
            p = Path(tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{pid}-"))
            _profiles[pid] = p
            atexit.register(shutil.rmtree, p, True)
        return p


def _drop_profile() -> None:
    with _profile_lock:
        p = _profiles.pop(os.getpid(), None)
    if p is not None:
        shutil.rmtree(p, ignore_errors=True)


def cleanup_profile() -> None:
    """Remove this process's LibreOffice profile now.

    For worker processes that end with ``os._exit`` (process pools), where ``atexit`` never runs.
    """
    _drop_profile()


def remove_profiles_of(pids: list[int]) -> None:
    """Remove the profiles that processes ``pids`` created and could not remove (they were terminated)."""
    for pid in pids:
        for d in Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}{pid}-*"):
            shutil.rmtree(d, ignore_errors=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    conf = data_path("fonts.conf")
    if sys.platform.startswith("linux") and conf.is_file() and "FONTCONFIG_FILE" not in os.environ:
        env["FONTCONFIG_FILE"] = str(conf)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    return env


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()


def _run(argv: list[str], timeout: float) -> tuple[int, str, str]:
    log.debug("soffice argv: %s", argv)
    try:
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_env(),
            start_new_session=True,
        )
    except OSError as exc:
        raise MissingDependencyError(
            "SOFFICE_MISSING", f"LibreOffice(soffice)를 실행할 수 없습니다: {exc.strerror}", hint=INSTALL_HINT
        ) from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        _drop_profile()  # a killed LibreOffice may leave the profile half-written: start fresh next time
        raise ExternalToolError(
            "SOFFICE_TIMEOUT",
            f"LibreOffice 변환이 {timeout:g}초 안에 끝나지 않아 중단했습니다.",
            hint="파일이 너무 크거나 손상되었는지 확인하고, 다른 LibreOffice 창을 닫은 뒤 다시 시도하세요.",
        ) from None
    finally:
        if proc.poll() is None:  # pragma: no cover - interrupted
            _kill_group(proc)
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _move(src: Path, dst: Path) -> None:
    try:
        src.replace(dst)
    except OSError:  # another file system: copy beside the target, then rename
        atomic_write_bytes(dst, src.read_bytes())


def convert(
    paths: Sequence[str | os.PathLike[str]],
    fmt: Format = "pdf",
    outdir: str | os.PathLike[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Path]:
    """Convert every file in ``paths`` with ONE soffice run; return the outputs in input order.

    Outputs are named ``<stem>.<fmt>`` in ``outdir`` (default: beside each input) and
    appear whole or not at all. Inputs are copied under neutral names first, so odd
    file names and equal stems from different folders are safe.
    """
    if fmt not in _FILTERS:
        raise InputError("CONVERT_FORMAT", f"지원하지 않는 변환 형식입니다: {fmt}")
    inputs = [Path(p) for p in paths]
    if not inputs:
        return []
    for p in inputs:
        if not p.is_file():
            raise InputError("CONVERT_INPUT_MISSING", f"변환할 파일이 없습니다: {p}")
        if p.suffix.lower() not in _INPUTS:
            raise InputError(
                "CONVERT_INPUT_TYPE", f"변환할 수 없는 파일 형식입니다: {p.name} (.doc/.docx/.odt/.rtf)"
            )
    targets = [(Path(outdir) if outdir is not None else p.parent) / f"{p.stem}.{fmt}" for p in inputs]
    if len({t.resolve() for t in targets}) != len(targets):
        raise InputError("CONVERT_NAME_CLASH", "출력 파일 이름이 겹칩니다 (같은 이름의 입력 파일이 여러 개).")
    for p, t in zip(inputs, targets, strict=True):
        if p.resolve() == t.resolve():
            raise InputError("CONVERT_SAME_FILE", f"입력과 출력이 같은 파일입니다: {p.name}")
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="pgdocs-conv-") as tmp:
        work_in, work_out = Path(tmp, "in"), Path(tmp, "out")
        work_in.mkdir()
        work_out.mkdir()
        staged = []
        for i, p in enumerate(inputs):
            s = work_in / f"f{i:04d}{p.suffix.lower()}"
            shutil.copyfile(p, s)
            staged.append(s)
        argv = [
            soffice,
            f"-env:UserInstallation={profile_dir().as_uri()}",
            "--headless", "--invisible", "--nologo", "--nodefault", "--nolockcheck", "--norestore",
            "--convert-to", _FILTERS[fmt],
            "--outdir", str(work_out),
            *map(str, staged),
        ]
        with _run_lock:
            code, out, err = _run(argv, timeout)
        produced = [work_out / f"{s.stem}.{fmt}" for s in staged]
        missing = [inputs[i].name for i, p in enumerate(produced) if not p.is_file() or p.stat().st_size == 0]
        if code != 0 and len(missing) == len(inputs):
            tail = (err.strip() or out.strip())[-300:]
            raise ExternalToolError(
                "SOFFICE_FAILED",
                f"LibreOffice 변환이 실패했습니다 (종료 코드 {code}). {tail}".strip(),
                hint="파일이 손상되지 않았는지, 암호가 걸려 있지 않은지 확인하세요.",
            )
        if missing:
            raise ExternalToolError(
                "SOFFICE_NO_OUTPUT",
                f"LibreOffice가 결과 파일을 만들지 않았습니다: {', '.join(missing)}",
                hint="파일이 손상되었거나 암호가 걸려 있을 수 있습니다. Word에서 열어 다시 저장해 보세요.",
                details={"missing": missing},
            )
        if fmt == "docx":
            for p in produced:
                fix_core_properties(p)
        if fmt == "pdf":
            bad = [inputs[i].name for i, p in enumerate(produced) if not _readable_pdf(p)]
            if bad:
                raise ExternalToolError(
                    "SOFFICE_BAD_OUTPUT",
                    f"LibreOffice가 읽을 수 있는 PDF를 만들지 못했습니다: {', '.join(bad)}",
                    hint="서식 파일을 Word에서 열어 다시 저장한 뒤 해 보세요. 계속되면 LibreOffice를 다시 설치하세요.",
                    details={"files": bad},
                )
        for p, t in zip(produced, targets, strict=True):
            try:
                t.parent.mkdir(parents=True, exist_ok=True)
                _move(p, t)
            except OSError as exc:
                raise InputError("OUTPUT_UNWRITABLE", f"결과 파일을 쓸 수 없습니다: {t} ({exc.strerror})") from None
    log.info("soffice: %d file(s) → %s", len(inputs), fmt)
    return targets


def _readable_pdf(path: Path) -> bool:
    """True when ``path`` is a PDF pypdf opens with at least one page (a crashed or replaced soffice can leave an
    empty, truncated or foreign file that merely has the right name)."""
    try:
        with path.open("rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return False
        import warnings

        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return len(PdfReader(path).pages) >= 1
    except (OSError, ValueError, PyPdfError, RecursionError, KeyError, TypeError, AttributeError):
        return False


def to_pdf(
    paths: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Path]:
    """PDFs of ``paths`` (Korean fonts embedded) from one soffice run."""
    return convert(paths, "pdf", outdir, timeout=timeout)


def doc_to_docx(
    path: str | os.PathLike[str], outdir: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT
) -> Path:
    """A legacy Word ``.doc`` as ``.docx`` (core-properties relationship fixed)."""
    return convert([path], "docx", outdir, timeout=timeout)[0]


def fix_core_properties_bytes(data: bytes) -> bytes:
    """Rewrite LibreOffice's non-standard core-properties relationship type and drop duplicate zip members.

    Without it python-docx adds a second part and the saved zip holds two
    ``docProps/core.xml`` (docxtpl #558). Returns ``data`` unchanged when nothing needs fixing.
    """
    import io

    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("DOCX_BAD_ZIP", "Word(.docx) 파일이 아니거나 손상되었습니다.") from None
    with zin:
        infos = zin.infolist()
        names = [i.filename for i in infos]
        try:
            rels = zin.read("_rels/.rels")
        except KeyError:
            raise InputError(
                "DOCX_BAD_PACKAGE", "Word(.docx) 파일 구조가 올바르지 않습니다 (_rels/.rels 없음)."
            ) from None
        if LO_CORE_REL not in rels and len(set(names)) == len(names):
            return data
        buf = io.BytesIO()
        seen: set[str] = set()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in infos:
                if info.filename in seen:
                    continue
                seen.add(info.filename)
                body = zin.read(info)
                if info.filename == "_rels/.rels":
                    body = body.replace(LO_CORE_REL, STD_CORE_REL)
                zout.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def fix_core_properties(path: str | os.PathLike[str]) -> bool:
    """Fix a .docx in place (atomically); True when it changed."""
    p = Path(path)
    data = p.read_bytes()
    fixed = fix_core_properties_bytes(data)
    if fixed is data:
        return False
    atomic_write_bytes(p, fixed)
    return True
