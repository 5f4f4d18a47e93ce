"""The one wrapper around the ``tesseract`` program.

Everything that runs Tesseract goes through here: an availability probe with
install hints, argv lists (never a shell), ``OMP_THREAD_LIMIT=1``, a timeout on
every call and typed errors. Images go in as a BMP — to a resident helper that keeps the same library loaded
(:mod:`pgdocs.ocr.resident`), else to the program through a private temporary folder — and TSV comes back, parsed
into :class:`Word` boxes (the ``image_to_data`` rows).

The binary can be replaced with ``PGDOCS_TESSERACT`` (tests put fakes there).
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image

from pgdocs.errors import ExternalToolError, MissingDependencyError, ReviewNeeded
from pgdocs.imaging import to_rgb
from pgdocs.ocr import resident

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_LANG",
    "DEFAULT_TIMEOUT",
    "TesseractInfo",
    "Word",
    "ensure_available",
    "image_to_data",
    "parse_tsv",
    "probe",
    "raw_tsv",
    "tesseract_binary",
]

#: Hangul (script model: kor's 1,076 syllables + Latin letters) alone. docs/ocr.md#model-choice: whole-page
#: similarity kor 0.91, Hangul 0.993, kor+Hangul 0.995; running both models costs ~40% more CPU
#: (1.08 s vs 1.50 s on an A4 page), which would break the 1.3x-of-raw-tesseract budget.
DEFAULT_LANG = "Hangul"
#: seconds per call; a page takes ~1-2 s single-threaded, so this only catches hangs (docs/ocr.md#ocr-timeout).
DEFAULT_TIMEOUT = 60.0
REQUIRED_LANGS = ("kor", "Hangul")

_INSTALL_HINT = (
    "Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-kor tesseract-ocr-script-hang "
    "(macOS: brew install tesseract tesseract-lang). 다른 위치의 tesseract는 PGDOCS_TESSERACT 로 지정하세요."
)


@dataclass(frozen=True)
class Word:
    """One recognised word (a TSV row of level 5) in the coordinates of the image given to Tesseract."""

    text: str
    conf: float  #: 0..100
    left: int
    top: int
    width: int
    height: int
    block: int = 0
    par: int = 0
    line: int = 0

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True)
class TesseractInfo:
    binary: str
    version: str
    langs: tuple[str, ...]


def tesseract_binary() -> str:
    """The tesseract program: ``PGDOCS_TESSERACT`` or ``tesseract`` on PATH."""
    override = os.environ.get("PGDOCS_TESSERACT")
    if override:
        return override
    found = shutil.which("tesseract")
    if not found:
        raise MissingDependencyError(
            "TESSERACT_MISSING", "tesseract 프로그램을 찾을 수 없습니다.", hint=_INSTALL_HINT
        )
    return found


def _run(argv: list[str], *, data: bytes | None, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(argv, input=data, stdin=None if data is not None else subprocess.DEVNULL,
                              capture_output=True, timeout=timeout, env=resident.program_env(), check=False)
    except FileNotFoundError:
        raise MissingDependencyError(
            "TESSERACT_MISSING", f"tesseract 프로그램을 실행할 수 없습니다: {argv[0]}", hint=_INSTALL_HINT
        ) from None
    except PermissionError:
        raise MissingDependencyError(
            "TESSERACT_MISSING", f"tesseract 프로그램을 실행할 권한이 없습니다: {argv[0]}", hint=_INSTALL_HINT
        ) from None
    except subprocess.TimeoutExpired:
        raise _timed_out(timeout) from None


def _timed_out(timeout: float) -> ReviewNeeded:
    return ReviewNeeded(
        "OCR_TIMEOUT",
        f"글자 인식(tesseract)이 {timeout:.0f}초 안에 끝나지 않았습니다. 직접 확인이 필요합니다.",
        hint="더 작은(또는 선명한) 이미지로 다시 시도하거나 사람이 서류를 확인하세요.",
    )


def _failed(returncode: int, err: list[str]) -> ExternalToolError:
    log.warning("tesseract exited %s: %s", returncode, err[-1:] if err else "")
    return ExternalToolError(
        "OCR_FAILED",
        f"글자 인식(tesseract)이 실패했습니다 (종료 코드 {returncode}).",
        hint="이미지가 손상되지 않았는지 확인하고, 계속되면 'pgdocs doctor' 로 설치를 점검하세요.",
        details={"stderr": err[-3:]},
    )


@cache
def _probe(binary: str) -> TesseractInfo:
    ver = _run([binary, "--version"], data=None, timeout=20)
    if ver.returncode != 0:
        raise MissingDependencyError(
            "TESSERACT_MISSING", f"tesseract 를 실행할 수 없습니다 (종료 코드 {ver.returncode}).", hint=_INSTALL_HINT
        )
    text = (ver.stdout + ver.stderr).decode("utf-8", "replace")
    m = re.search(r"tesseract\s+v?(\d+[.\d]*)", text)
    version = m.group(1) if m else "unknown"
    lst = _run([binary, "--list-langs"], data=None, timeout=20)
    out = (lst.stdout + lst.stderr).decode("utf-8", "replace")
    langs = tuple(
        ln.strip() for ln in out.splitlines() if ln.strip() and not ln.lower().startswith("list of available")
    )
    return TesseractInfo(binary=binary, version=version, langs=langs)


def probe() -> TesseractInfo:
    """Version and installed languages of the tesseract in use (cached per binary)."""
    return _probe(tesseract_binary())


def ensure_available(langs: tuple[str, ...] = REQUIRED_LANGS) -> TesseractInfo:
    """Raise :class:`MissingDependencyError` (exit 4) unless tesseract and ``langs`` are installed."""
    info = probe()
    major = info.version.split(".")[0]
    if major.isdigit() and int(major) < 4:
        raise MissingDependencyError(
            "TESSERACT_TOO_OLD", f"tesseract {info.version} 은 너무 오래되었습니다 (4 이상 필요).", hint=_INSTALL_HINT
        )
    missing = [lang for lang in langs if lang not in info.langs]
    if missing:
        raise MissingDependencyError(
            "TESSDATA_KOR_MISSING",
            f"tesseract 한국어 학습 데이터가 없습니다: {', '.join(missing)}",
            hint=_INSTALL_HINT,
            details={"installed": list(info.langs)},
        )
    return info


def _write_bmp(image: Image.Image, path: Path | io.BytesIO) -> None:
    """The image as an uncompressed BMP for Tesseract to open: 3 ms to write an A4 page (a PNG, even stored,
    took 0.12 s), and Leptonica reads a file 0.15–0.2 s faster than the same pixels piped to ``stdin``."""
    if image.mode not in ("1", "L", "RGB"):
        image = to_rgb(image)
    image.save(path, format="BMP")


def raw_tsv(
    image: Image.Image,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = 4,
    dpi: int = 300,
    whitelist: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Tesseract's TSV for ``image``, as text: read by a resident helper (:mod:`pgdocs.ocr.resident`), else by the
    program through a private temporary folder (mode 0700) removed when the call ends, also on a timeout or
    crash. Either way a crash is the program's exit code, handled here once."""
    info = ensure_available(tuple(lang.split("+")))
    read = None if resident.asked_for_program() else _read_resident(image, lang, psm, dpi, whitelist, timeout,
                                                                      info.version)
    code, err, tsv = read if read is not None else _read_program(image, lang, psm, dpi, whitelist, timeout)
    if code == -signal.SIGFPE and whitelist:
        # Tesseract 5.3 dies of a floating-point exception on some crops when a whitelist narrows its choices
        # (a moiré photo's date, bench/ocr.py seed 7373): the same crop read without the whitelist is still a read
        log.info("tesseract died of SIGFPE with a whitelist: read again without it")
        return raw_tsv(image, lang=lang, psm=psm, dpi=dpi, timeout=timeout)
    if code != 0:
        raise _failed(code, err)
    return tsv


#: what one read gave: the exit code (negative: the signal that ended it), the last lines of its error output, TSV
_Read = tuple[int, list[str], str]


def _read_resident(image: Image.Image, lang: str, psm: int, dpi: int, whitelist: str | None, timeout: float,
                   version: str) -> _Read | None:
    """A read by a resident helper, or None when there is none to read with (the program reads instead)."""
    bmp = io.BytesIO()
    _write_bmp(image, bmp)
    try:
        tsv = resident.read_tsv(bmp.getvalue(), lang=lang, psm=psm, dpi=dpi, whitelist=whitelist, timeout=timeout,
                                expected_version=version)
    except resident.Unavailable:
        return None
    except resident.TimedOut:
        raise _timed_out(timeout) from None
    except resident.Crashed as e:
        return e.returncode, [], ""
    except RuntimeError as e:
        return 1, [str(e)], ""
    return 0, [], tsv


def _read_program(image: Image.Image, lang: str, psm: int, dpi: int, whitelist: str | None, timeout: float) -> _Read:
    """A read by the ``tesseract`` program."""
    with tempfile.TemporaryDirectory(prefix="pgdocs-ocr-") as tmp:
        page = Path(tmp) / "page.bmp"
        _write_bmp(image, page)
        argv = [tesseract_binary(), str(page), "stdout", "-l", lang, "--oem", "1", "--psm", str(psm),
                "--dpi", str(dpi), "-c", "preserve_interword_spaces=1"]
        if whitelist:
            argv += ["-c", f"tessedit_char_whitelist={whitelist}"]
        argv.append("tsv")
        proc = _run(argv, data=None, timeout=timeout)
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines() if proc.returncode != 0 else []
    return proc.returncode, err, proc.stdout.decode("utf-8", "replace")


def image_to_data(
    image: Image.Image,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = 4,
    dpi: int = 300,
    whitelist: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Word]:
    """OCR ``image`` and return its words (TSV level 5 rows with text), in image pixels.

    LSTM only (``--oem 1``: Debian's kor model has no legacy part). ``whitelist`` only
    for tight crops (it can drop whole words on pages, tesseract #3485).
    """
    return parse_tsv(raw_tsv(image, lang=lang, psm=psm, dpi=dpi, whitelist=whitelist, timeout=timeout))


def parse_tsv(tsv: str) -> list[Word]:
    """Parse tesseract TSV output into words (rows with text; structural rows dropped)."""
    words: list[Word] = []
    lines = tsv.splitlines()
    if not lines:
        return words
    header = lines[0].split("\t")
    if "text" not in header:
        raise ExternalToolError("OCR_FAILED", "tesseract 출력(TSV)을 해석할 수 없습니다.")
    idx = {name: i for i, name in enumerate(header)}
    for ln in lines[1:]:
        cols = ln.split("\t")
        if len(cols) < len(header):
            continue
        text = cols[idx["text"]].strip()
        if not text:
            continue
        try:
            conf = float(cols[idx["conf"]])
            box = [int(cols[idx[k]]) for k in ("left", "top", "width", "height")]
            block, par, line = (int(cols[idx[k]]) for k in ("block_num", "par_num", "line_num"))
        except (ValueError, KeyError):
            continue
        words.append(Word(text, max(conf, 0.0), box[0], box[1], box[2], box[3], block=block, par=par, line=line))
    return words
