"""One way in for merchant files: the limits, the accepted kinds and the PDF probe, for every path that opens them.

``verify``/``extract`` (:mod:`pgdocs.ocr.load`), ``packet``/``batch``/``lint`` (:mod:`pgdocs.packet.documents`) and
the web upload (:mod:`pgdocs.web.uploads`) all read their limits here and refuse the same files with the same codes:

1. sniff the real kind from the first bytes (:func:`pgdocs.filetypes.sniff`), never from the name;
2. size (:data:`MAX_BYTES`), pixels (:data:`MAX_PIXELS`), frames (:data:`MAX_FRAMES`), pages (:data:`MAX_PAGES`);
3. open: images with Pillow under the pixel limit; PDFs first in a child process limited in memory and time
   (:mod:`pgdocs.pdfprobe`, which also decodes every page), so a PDF bomb costs a killed child, never the
   caller — the CLI, a batch worker or the web server.

HEIC/HEIF (iPhone photos) open through pillow-heif everywhere.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.errors import InputError
from pgdocs.jsonio import JSONValue

if TYPE_CHECKING:
    from pgdocs.pdfprobe import ProbeResult

log = logging.getLogger(__name__)

#: largest merchant file (a phone photo is < 15 MB; a 300-dpi colour scan of two pages < 10 MB)
MAX_BYTES = 25 * 1024 * 1024
#: ~50 MP covers phone photos; Pillow's default is 89 MP (docs/packets.md#decompression-bombs)
MAX_PIXELS = 50_000_000
#: multi-page TIFF scans; an animated GIF of 1,000 frames is not a document
MAX_FRAMES = 30
#: pages of one merchant PDF (a certificate is 1–2 pages; a 2,000-page PDF is not a document)
MAX_PAGES = 200
#: the PDF probe child: seconds, and its address-space limit
PDF_PROBE_TIMEOUT = 30.0
PDF_PROBE_MEMORY_MB = 768

#: image kinds Pillow opens for us (HEIC through pillow-heif)
IMAGE_KINDS = frozenset({"png", "jpeg", "gif", "tiff", "webp", "bmp", "heic"})
#: every kind a merchant may hand us
ACCEPTED_KINDS = IMAGE_KINDS | {"pdf"}
#: what to tell a person we accept
ACCEPTED_TEXT = "PDF 또는 사진(JPEG, PNG, HEIC, TIFF, WebP, BMP, GIF)"


@cache
def heif_available() -> bool:
    """Register pillow-heif's opener once; False when it is not installed (then HEIC is refused plainly)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def unsupported_heic() -> InputError:
    return InputError("DOC_HEIC_UNSUPPORTED", "HEIC/HEIF 사진은 이 설치에서 열 수 없습니다.",
                      hint="휴대폰에서 JPEG로 내보내거나(아이폰: 설정 > 카메라 > 포맷 > 높은 호환성), "
                           "pip install pillow-heif 로 HEIC 지원을 설치하세요.")


# -- PDFs: opened first in a limited child -------------------------------------------------------------------


#: probe error → (code, what a person reads, what to do)
PROBE_ERRORS: dict[str, tuple[str, str, str | None]] = {
    "encrypted": ("DOC_ENCRYPTED", "암호가 걸린 PDF입니다.",
                  "암호를 해제한 PDF로 다시 저장하거나(인쇄 > PDF로 저장) 스캔해서 넣어 주세요."),
    "no_pages": ("DOC_EMPTY", "쪽이 하나도 없는 PDF입니다.", "원본을 다시 내려받거나 스캔해서 넣어 주세요."),
    "too_many_pages": ("DOC_TOO_LARGE", f"쪽 수가 너무 많습니다 (최대 {MAX_PAGES}쪽).",
                       "필요한 쪽만 PDF로 저장하세요."),
    "memory": ("DOC_UNREADABLE", "PDF를 여는 데 메모리가 너무 많이 듭니다.", "다시 스캔하거나 인쇄 후 스캔하세요."),
}
PROBE_CORRUPT = ("DOC_UNREADABLE", "PDF 파일이 손상되어 열 수 없습니다.",
                 "원본을 다시 내려받거나 스캔해서 넣어 주세요.")


def probe_command(paths: Sequence[Path]) -> list[str]:
    """The child's command line for :mod:`pgdocs.pdfprobe` (the limits are this module's)."""
    return [sys.executable, "-m", "pgdocs.pdfprobe", "--mem", str(PDF_PROBE_MEMORY_MB), "--max-pages", str(MAX_PAGES),
            *map(str, paths)]


def parse_probe(count: int, returncode: int, stdout: bytes, stderr: bytes) -> list[ProbeResult]:
    """The child's per-file results; a crashed child (memory limit hit …) raises ``DOC_UNREADABLE``."""
    try:
        results = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        results = None
    if returncode != 0 or not isinstance(results, list) or len(results) != count:
        log.debug("pdf probe failed rc=%s stderr=%s", returncode, stderr[-500:])
        raise InputError("DOC_UNREADABLE", "PDF를 여는 중 검사 프로세스가 비정상 종료했습니다 (메모리 한도 초과 등).",
                         hint="PDF가 손상되었을 수 있습니다. 다시 저장하거나 스캔하세요.")
    return [_probe_result(r) for r in results]


def _probe_result(raw: JSONValue) -> ProbeResult:
    """One file's result as the child wrote it (:func:`pgdocs.pdfprobe.probe`): the keys the parent uses, checked."""
    if not isinstance(raw, dict):
        return {"ok": False, "error": "corrupt"}
    out: ProbeResult = {"ok": bool(raw.get("ok"))}
    error, pages, detail = raw.get("error"), raw.get("pages"), raw.get("detail")
    if isinstance(error, str):
        out["error"] = error
    if isinstance(pages, int) and not isinstance(pages, bool):
        out["pages"] = pages
    if isinstance(detail, str):
        out["detail"] = detail
    return out


def probe_error(result: ProbeResult) -> tuple[str, str, str | None] | None:
    """(code, message, hint) for a failed probe result, None for a PDF that opened."""
    if result.get("ok"):
        return None
    log.debug("pdf probe: %s", result.get("detail"))
    return PROBE_ERRORS.get(str(result.get("error")), PROBE_CORRUPT)


def timeout_error(names: str) -> InputError:
    return InputError("DOC_PDF_TIMEOUT", f"PDF를 여는 데 너무 오래 걸립니다: {names}",
                      hint="PDF가 손상되었거나 비정상적으로 큽니다. 다시 스캔하거나 인쇄 후 스캔하세요.")


def _vm_bytes() -> int | None:
    """This process's address-space size (Linux), for a forked child's limit on top of what it inherits."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _probe_forked(path: Path, shown: str) -> tuple[int, bytes, bytes] | None:
    """The probe in a forked copy of this process (~10 ms instead of ~170 ms for a new interpreter and pypdf).

    Only from a single-threaded process (the CLI): forking a threaded one (the web server, a batch worker with
    its lifeline thread) could copy a lock another thread holds. The child gets the same limits as the spawned
    probe — its own address space may grow by :data:`PDF_PROBE_MEMORY_MB` at most, and it is killed after
    :data:`PDF_PROBE_TIMEOUT` — and leaves with ``os._exit``. None: use the spawned probe instead.
    """
    base = _vm_bytes()
    if os.name != "posix" or threading.active_count() != 1 or base is None or not hasattr(os, "fork"):
        return None
    import pypdf  # noqa: F401 - imported once here, so no child imports it again

    from pgdocs import pdfprobe

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child; its result is what the parent checks
        code = 0
        try:
            os.close(r)
            pdfprobe.limit_memory_bytes(base + PDF_PROBE_MEMORY_MB * 1024 * 1024)
            os.write(w, pdfprobe.run([str(path)], MAX_PAGES).encode("utf-8"))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + PDF_PROBE_TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([r], [], [], max(0.0, left))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise timeout_error(shown)
            chunk = os.read(r, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks), b""


def check_pdf(path: Path, name: str | None = None) -> int:
    """Open ``path`` in a limited child; its page count, or the :class:`InputError` a person reads."""
    shown = name or path.name
    forked = _probe_forked(path, shown)
    if forked is not None:
        returncode, out, err = forked
    else:
        proc = subprocess.Popen(probe_command([path]), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=PDF_PROBE_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise timeout_error(shown) from None
        returncode = proc.returncode
    [result] = parse_probe(1, returncode, out, err)
    failed = probe_error(result)
    if failed is not None:
        code, what, hint = failed
        raise InputError(code, f"{what} {shown}", hint=hint)
    return int(result["pages"])
