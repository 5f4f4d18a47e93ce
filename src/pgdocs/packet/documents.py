"""Find the merchant's documents and open each one safely before anything is written.

Discovery: ``record.documents`` first (keys are document ids or Korean names), then
files in ``--docs`` recognised by Korean/English names (the rulebook's document catalogue,
NFC/NFD-insensitive, longest keyword wins).

Opening: the type is sniffed from the first bytes, never trusted from the extension;
images are opened with Pillow under a pixel limit (decompression bombs refused);
PDFs are opened in a child process with a timeout and an address-space limit
(:mod:`pgdocs.pdfprobe`). Every failure is an :class:`InputError` with its own
code, the same codes as :mod:`pgdocs.ocr.load` (DOC_EMPTY, DOC_UNREADABLE, DOC_ENCRYPTED, DOC_TOO_LARGE,
DOC_TOO_MANY_PIXELS, DOC_UNSUPPORTED); the type sniffer is :func:`pgdocs.filetypes.sniff`.
"""

from __future__ import annotations

import logging
import re
import subprocess
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

from pgdocs import inputs
from pgdocs.errors import InputError
from pgdocs.filetypes import sniff
from pgdocs.imaging import square_size
from pgdocs.text import nfc

if TYPE_CHECKING:
    from PIL import Image as PILImage

log = logging.getLogger(__name__)

# the limits are pgdocs.inputs's, the same for verify, packet, batch, lint and the web page
MAX_DOCUMENT_BYTES = inputs.MAX_BYTES
MAX_IMAGE_PIXELS = inputs.MAX_PIXELS
MAX_IMAGE_FRAMES = inputs.MAX_FRAMES

_FORMAT_NAMES = {
    "pdf": "PDF", "png": "PNG 이미지", "jpeg": "JPEG 이미지", "gif": "GIF 이미지", "tiff": "TIFF 이미지",
    "webp": "WebP 이미지", "bmp": "BMP 이미지", "heic": "HEIC/HEIF 사진", "zip": "ZIP/Office 문서",
}
_EXTENSIONS = {
    ".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg",
    ".gif": "gif", ".tif": "tiff", ".tiff": "tiff", ".webp": "webp", ".bmp": "bmp",
    ".heic": "heic", ".heif": "heic", ".hif": "heic", ".docx": "zip", ".zip": "zip",
}
IMAGE_FORMATS = inputs.IMAGE_KINDS - {"heic"}  #: opened by Pillow without a plugin


@dataclass(frozen=True)
class DocumentName:
    id: str
    title: str
    keywords: tuple[str, ...]
    generated: bool = False


class DocCheck(TypedDict):
    """A document's check in a packet: a verdict (:data:`pgdocs.ocr.result.CHECK_KO`), why, and a stable code
    for a verdict that is about the whole file (``DOC_WRONG_KIND``)."""

    verdict: str
    reasons: list[str]
    code: NotRequired[str]


@dataclass
class DocumentFile:
    """One merchant document that opened cleanly."""

    id: str
    title: str
    path: Path
    format: str  #: "pdf" or an image format ("png", "jpeg", …)
    size: int
    pages: int = 1
    pixels: tuple[int, int] | None = None
    check: DocCheck | None = None  #: set by the packet's checks

    @property
    def is_pdf(self) -> bool:
        return self.format == "pdf"


def _compact(name: str) -> str:
    return re.sub(r"[\s_\-.·()\[\]]+", "", nfc(name)).lower()


@cache
def document_names() -> dict[str, DocumentName]:
    """The rulebook's document catalogue (titles and file-name keywords, ``rulebook/data/common.toml``)."""
    from pgdocs.rulebook import load_rulebook

    return {
        key: DocumentName(key, spec.title, tuple(_compact(k) for k in spec.names), spec.generated)
        for key, spec in load_rulebook().documents.items()
    }


def identify(name: str) -> str | None:
    """The document id a file name (or a ``documents`` key) stands for, or ``None``. The longest keyword wins.

    >>> identify("사업자등록증_2024.pdf"), identify("bankbook.JPG"), identify("사용인감계.pdf")
    ('business_registration', 'bankbook', 'seal_usage')
    """
    key = _compact(Path(name).stem if Path(name).suffix else name)
    names = document_names()
    if key in names:
        return key
    best: tuple[int, str] | None = None
    table = [(d.id, kw) for d in names.values() for kw in d.keywords]
    for doc_id, kw in table:
        if kw and kw in key and (best is None or len(kw) > best[0]):
            best = (len(kw), doc_id)
    return best[1] if best else None


@dataclass
class Discovery:
    found: dict[str, Path]
    missing: list[str]
    ambiguous: dict[str, list[Path]]
    not_found_paths: dict[str, Path]


def discover(record_documents: dict[str, Path], docs_dir: Path | None, wanted: list[str], *,
             root: Path | None = None) -> Discovery:
    """Locate every id in ``wanted``: explicit record paths first, then names in ``docs_dir``.

    ``root``: every document (and ``docs_dir``) must resolve inside it, symbolic links and ``..`` followed;
    one that does not is refused with ``DOC_OUTSIDE_ROOT`` (a batch row must not read files outside
    ``--docs-root``).
    """
    if root is not None and docs_dir is not None:
        _confine(docs_dir, root, "서류 폴더")
    found: dict[str, Path] = {}
    not_found: dict[str, Path] = {}
    for key, path in record_documents.items():
        doc_id = identify(key)
        if doc_id in wanted and doc_id not in found:
            path = _nfc_on_disk(path)
            if path.is_file():
                found[doc_id] = path
            else:
                not_found[doc_id] = path
    candidates: dict[str, list[Path]] = {}
    if docs_dir is not None:
        if not docs_dir.is_dir():
            raise InputError("DOCS_DIR_NOT_FOUND", f"서류 폴더가 없습니다: {docs_dir}",
                             hint="--docs 에 사업자등록증·통장 사본 등이 든 폴더를 지정하세요.")
        for entry in sorted(docs_dir.iterdir()):
            if entry.name.startswith(".") or not entry.is_file():
                continue  # .DS_Store, AppleDouble "._x", folders
            doc_id = identify(entry.name)
            if doc_id is not None and doc_id in wanted and doc_id not in found:
                candidates.setdefault(doc_id, []).append(entry)
    ambiguous: dict[str, list[Path]] = {}
    for doc_id, paths in candidates.items():
        if len(paths) == 1:
            found[doc_id] = paths[0]
            not_found.pop(doc_id, None)
        else:
            ambiguous[doc_id] = paths
    missing = [d for d in wanted if d not in found and d not in ambiguous]
    if root is not None:
        for doc_id, path in found.items():
            _confine(path, root, document_names()[doc_id].title)
    return Discovery(found, missing, ambiguous, {k: v for k, v in not_found.items() if k in missing})


def _confine(path: Path, root: Path, title: str) -> None:
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        raise _err("DOC_OUTSIDE_ROOT", title, path,
                   "서류 폴더 밖의 파일을 가리킵니다 (바로가기나 심볼릭 링크). 이 파일은 읽지 않았습니다.",
                   "서류 파일을 서류 폴더(--docs-root) 안에 실제 파일로 복사해 넣으세요.")


def _nfc_on_disk(path: Path) -> Path:
    """``path`` itself, or the file in its folder whose name is the same text in another
    normalisation (a macOS NFD name copied to Linux; records are stored NFC)."""
    if path.exists() or not path.parent.is_dir():
        return path
    want = nfc(path.name)
    for entry in path.parent.iterdir():
        if nfc(entry.name) == want:
            return entry
    return path


def shown_name(path: Path) -> str:
    """A file name safe to print: NFC, control characters (terminal escapes, newlines) replaced by ``?``."""
    return "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in nfc(path.name))


def _err(code: str, title: str, path: Path, what: str, hint: str | None = None) -> InputError:
    name = shown_name(path)
    return InputError(code, f"{title}({name}): {what}", hint=hint, details={"document": title, "file": name})


def _precheck(doc_id: str, title: str, path: Path) -> DocumentFile:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise _err("DOC_UNREADABLE", title, path, f"파일을 읽을 수 없습니다 ({exc.strerror})") from None
    if size == 0:
        raise _err("DOC_EMPTY", title, path, "빈 파일(0 바이트)입니다.", "스캔하거나 다시 내려받아 저장하세요.")
    if size > MAX_DOCUMENT_BYTES:
        raise _err("DOC_TOO_LARGE", title, path,
                   f"파일이 너무 큽니다 ({size / 1024 / 1024:.1f} MB, 최대 {MAX_DOCUMENT_BYTES // 1024 // 1024} MB).",
                   "해상도를 낮추거나(200 dpi 정도) 필요한 쪽만 저장하세요.")
    fmt = sniff(head)
    claimed = _EXTENSIONS.get(path.suffix.lower())
    if fmt is not None and claimed is not None and claimed != fmt:
        raise _err("DOC_EXTENSION_MISMATCH", title, path,
                   f"확장자는 {path.suffix} 인데 실제 내용은 {_FORMAT_NAMES.get(fmt, fmt)}입니다.",
                   f"파일 이름의 확장자를 실제 형식에 맞게 고치세요 (예: .{'jpg' if fmt == 'jpeg' else fmt}).")
    if fmt is None:
        raise _err("DOC_UNSUPPORTED", title, path, "PDF나 이미지(PNG, JPEG, TIFF, WebP, BMP)가 아닙니다.",
                   "스캔한 PDF 또는 사진 파일을 넣어 주세요.")
    if fmt == "zip":
        raise _err("DOC_UNSUPPORTED", title, path, "압축 파일/오피스 문서는 첨부 서류로 쓸 수 없습니다.",
                   "PDF로 저장하거나 스캔해서 넣어 주세요.")
    if fmt == "heic" and not inputs.heif_available():
        heic = inputs.unsupported_heic()
        raise _err(heic.code, title, path, heic.message, heic.hint)
    return DocumentFile(doc_id, title, path, fmt, size)


def _heif_available() -> bool:
    return inputs.heif_available()


def open_image(path: Path, title: str = "", *, load: bool = True,
               before_load: Callable[[PILImage.Image], None] | None = None) -> PILImage.Image:
    """Open an image under the pixel limit; returns a loaded ``PIL.Image.Image``.

    With ``load=False`` only the header and the chunk structure are checked (``Image.verify``,
    fast) and the returned object may only be asked for ``size`` and ``n_frames``.
    """
    from PIL import Image, UnidentifiedImageError

    title = title or path.name
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(path)
            w, h = square_size(im.size, im.info.get("dpi"))  # a fax at 204×98 dpi is stretched to square pixels
            if w * h > MAX_IMAGE_PIXELS:
                im.close()
                what = f"이미지가 너무 큽니다 ({w}×{h} = {w * h / 1e6:.0f} MP, 최대 {MAX_IMAGE_PIXELS / 1e6:.0f} MP)."
                raise _err("DOC_TOO_MANY_PIXELS", title, path, what,
                           "200 dpi 정도로 다시 스캔하거나 사진 크기를 줄이세요.")
            if load:
                if before_load is not None:
                    before_load(im)  # e.g. JPEG draft mode: decode at a reduced scale
                im.load()
            else:
                frames = getattr(im, "n_frames", 1) or 1
                im.verify()
                im.n_frames_checked = frames  # type: ignore[attr-defined]
            return im
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _err("DOC_TOO_MANY_PIXELS", title, path, "이미지 픽셀 수가 허용 한도를 넘습니다.",
                       "200 dpi 정도로 다시 스캔하거나 사진 크기를 줄이세요.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _err("DOC_UNREADABLE", title, path, "이미지 파일이 손상되어 열 수 없습니다.",
                       "원본을 다시 저장하거나 스캔하세요.") from exc


class PdfProbe:
    """The PDF probe child process, started at once so other work can overlap with it."""

    def __init__(self, docs: list[DocumentFile]) -> None:
        self.docs = docs
        self.proc: subprocess.Popen[bytes] | None = None
        if docs:
            self.proc = subprocess.Popen(inputs.probe_command([d.path for d in docs]), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE)

    def finish(self) -> None:
        """Wait for the child; set page counts or raise the first document's error."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        try:
            out, err = proc.communicate(timeout=inputs.PDF_PROBE_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise inputs.timeout_error(", ".join(d.path.name for d in self.docs)) from None
        _apply_probe(self.docs, proc.returncode, out, err)

    def cancel(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.communicate()
            self.proc = None


def _apply_probe(docs: list[DocumentFile], returncode: int, stdout: bytes, stderr: bytes) -> None:
    results = inputs.parse_probe(len(docs), returncode, stdout, stderr)
    for doc, res in zip(docs, results, strict=True):
        failed = inputs.probe_error(res)
        if failed is None:
            doc.pages = int(res["pages"])
            continue
        code, what, hint = failed
        raise _err(code, doc.title, doc.path, what, hint)


def open_documents(found: dict[str, tuple[str, Path]]) -> tuple[dict[str, DocumentFile], PdfProbe]:
    """Check every document (``id -> (title, path)``): type, size, image header; start the PDF probe.

    Call :meth:`PdfProbe.finish` before reading any PDF in this process.
    """
    docs = {doc_id: _precheck(doc_id, title, path) for doc_id, (title, path) in found.items()}
    for doc in docs.values():
        if doc.format != "pdf":
            im = open_image(doc.path, doc.title, load=False)
            doc.pixels = im.size
            doc.pages = int(getattr(im, "n_frames_checked", 1))  # set by open_image(load=False)
            if doc.pages > MAX_IMAGE_FRAMES:
                raise _err("DOC_TOO_LARGE", doc.title, doc.path,
                           f"이미지 쪽(프레임) 수가 너무 많습니다 ({doc.pages}, 최대 {MAX_IMAGE_FRAMES}).",
                           "필요한 쪽만 PDF나 JPEG로 저장하세요.")
    return docs, PdfProbe([d for d in docs.values() if d.is_pdf])


def inspect_documents(found: dict[str, tuple[str, Path]]) -> dict[str, DocumentFile]:
    """:func:`open_documents` and wait for the PDF probe; raise the first failure as an :class:`InputError`."""
    docs, probe = open_documents(found)
    probe.finish()
    return docs
